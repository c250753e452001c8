package org.dalesweep.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NormalBlocks} in 512-bit vectors, for CPUs whose vectors are that wide (AVX-512), where
 * the ensemble's products ({@code VectorGemm}) run at 512 bits too: with one vector shape in the
 * JVM C2 keeps every vector in registers ({@code linalg.VectorWidth} says why that matters).
 * The same bits as {@link NormalBlocks.Scalar} and {@link VectorNormalBlocks}: the same float32
 * operations in the same order, value by value.
 *
 * <p>A vector's sixteen lanes hold the eight xoshiro lanes twice ({@code [0..7 | 0..7]}): drawing a
 * word and the logarithm cost what they cost in 256 bits, but then a block of 16 normals is one
 * vector with no lane crossing: its low half r cos, its high half r sin. The quadrant's swap of
 * cosine and sine becomes a choice, lane by lane, of which polynomial to evaluate (the scalar
 * kernel's {@code cos (1 - odd) + sin odd} is exactly the one or the other: cos is positive and
 * neither is ever -0), and the two polynomials are written as one chain whose extra operations
 * for the sine ({@code - 0}) are exact. Not thread-safe (scratch arrays): one per sampler.
 */
final class WideNormalBlocks extends NormalBlocks {

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    private static final int WIDE = 2 * LANES;
    /** 0 in the low half's lanes (cosines), 1 in the high half's (sines). */
    private static final int[] HIGH_HALF = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};

    /** The state with each word twice: s0 of the eight lanes at 0-7 and 8-15, s1 at 16-31, s2 at 32-47, s3 at 48-63. */
    private final int[] wide = new int[2 * STATE_WORDS];
    /** Block k's words, each twice: the first words of the lanes at 32k, the second at 32k + 16. */
    private final int[] words = new int[CHUNK * 2 * WIDE];
    /** Block k's radii, each twice, at 16k. */
    private final float[] radii = new float[CHUNK * WIDE];
    private final Stage[] stages = {new Draw(), new Radius(), new Turn()};

    @Override
    String name() {
        return "vector";
    }

    @Override
    void fill(int[] state, float[] out, int from, int blocks) {
        for (int w = 0; w < STATE_WORDS; w += LANES) {
            System.arraycopy(state, w, wide, 2 * w, LANES);
            System.arraycopy(state, w, wide, 2 * w + LANES, LANES);
        }
        for (int done = 0; done < blocks; done += CHUNK) {
            int count = Math.min(CHUNK, blocks - done);
            for (Stage stage : stages) {
                stage.run(this, out, from + done * BLOCK, count);
            }
        }
        for (int w = 0; w < STATE_WORDS; w += LANES) {
            System.arraycopy(wide, 2 * w, state, w, LANES);
        }
    }

    /** One stage over {@code count} blocks. */
    private abstract static class Stage {
        abstract void run(WideNormalBlocks k, float[] out, int from, int count);
    }

    /** Two xoshiro128** words per lane and block, into words (each twice). */
    private static final class Draw extends Stage {
        @Override
        void run(WideNormalBlocks k, float[] out, int from, int count) {
            VectorLanes.draw(INTS, k.wide, k.words, count * 2 * WIDE);
        }
    }

    /** sqrt(-2 ln u1) from the first words into radii. */
    private static final class Radius extends Stage {
        @Override
        void run(WideNormalBlocks k, float[] out, int from, int count) {
            for (int i = 0; i < count * WIDE; i += WIDE) {
                VectorLanes.radius(IntVector.fromArray(INTS, k.words, 2 * i)).intoArray(k.radii, i);
            }
        }
    }

    /**
     * The block from the second words and the radii: in each lane the cosine's or the sine's
     * polynomial of the angle's offset from the nearest quadrant (which one: the half, swapped in odd
     * quadrants), its sign, times the radius, straight into the output.
     */
    private static final class Turn extends Stage {
        @Override
        void run(WideNormalBlocks k, float[] out, int from, int count) {
            IntVector high = IntVector.fromArray(INTS, HIGH_HALF, 0);
            IntVector low = high.lanewise(VectorOperators.XOR, 1);
            IntVector zero = IntVector.zero(INTS);
            IntVector one = FloatVector.broadcast(FLOATS, 1f).reinterpretAsInts();
            IntVector c2 = bits(COS_C2);
            IntVector c1 = bits(COS_C1);
            IntVector c0 = bits(COS_C0);
            IntVector s2 = bits(SIN_S2);
            IntVector s1 = bits(SIN_S1);
            IntVector s0 = bits(SIN_S0);
            for (int i = 0; i < count * WIDE; i += WIDE) {
                IntVector angle = VectorLanes.angle(IntVector.fromArray(INTS, k.words, 2 * i + WIDE));
                IntVector quadrant = VectorLanes.nearestQuadrant(angle);
                // lanes that evaluate the cosine: low half in even quadrants, high half in odd ones
                VectorMask<Integer> cos = quadrant.and(1).lanewise(VectorOperators.XOR, high).compare(VectorOperators.EQ, 0);
                FloatVector x = VectorLanes.offset(angle, quadrant);
                FloatVector z = x.mul(x);
                IntVector xBits = x.reinterpretAsInts();
                IntVector zBits = z.reinterpretAsInts();
                // cos: ((z C2 + C1) z + C0) z z - z / 2 + 1;  sin: ((z S2 + S1) z + S0) z x - 0 + x
                FloatVector p = z.mul(s2.blend(c2, cos).reinterpretAsFloats()).add(s1.blend(c1, cos).reinterpretAsFloats())
                        .mul(z).add(s0.blend(c0, cos).reinterpretAsFloats())
                        .mul(z).mul(xBits.blend(zBits, cos).reinterpretAsFloats())
                        .sub(zero.blend(z.mul(0.5f).reinterpretAsInts(), cos).reinterpretAsFloats())
                        .add(xBits.blend(one, cos).reinterpretAsFloats());
                // cosines negated in quadrants 1 and 2, sines in 2 and 3: the scalar kernel's product with -1 is
                // exactly a flip of the sign bit (a conversion of the sign to float here left C2 over its node budget)
                IntVector flip = quadrant.add(low).and(2).lanewise(VectorOperators.LSHL, 30);
                FloatVector turned = p.reinterpretAsInts().lanewise(VectorOperators.XOR, flip).reinterpretAsFloats();
                FloatVector.fromArray(FLOATS, k.radii, i).mul(turned).intoArray(out, from + i);
            }
        }

        /** {@code value}'s bits in every lane. */
        private static IntVector bits(float value) {
            return IntVector.broadcast(INTS, Float.floatToRawIntBits(value));
        }
    }
}
