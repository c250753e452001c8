package org.dalesweep.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NormalBlocks} with the eight lanes in one 256-bit vector (the incubating Vector API):
 * the scalar kernel's operations in the same order, so the same bits, about twice as fast as
 * the ziggurat it replaced in a training step ({@code bench/RESULTS.md}). Only constructed when the JVM resolved
 * {@code jdk.incubator.vector}. Not thread-safe (scratch arrays): one per sampler.
 *
 * <p>The work runs in four stages over up to {@value NormalBlocks#CHUNK} blocks at a time, each leaving its
 * results in memory for the next: draw the words; turn u1 into the radius; the angle's cosine and
 * sine within its quadrant; the quadrant's swap and signs and the radius. One method doing all of
 * it was too large for C2 (its inlining stops at a node budget, and every vector operation left
 * out of line boxes its vectors, which made the kernel slower than the scalar one). The stages are called at one call
 * site that sees four classes, so C2 compiles each on its own instead of inlining them back into
 * one.
 */
final class VectorNormalBlocks extends NormalBlocks {

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    /** Block k's words: the lanes' first at 16k, their second at 16k + 8 (as in {@link NormalBlocks.Scalar}). */
    private final int[] words = new int[CHUNK * BLOCK];
    private final float[] radii = new float[CHUNK * LANES];
    private final Stage[] stages = {new Draw(), new Radius(), new Turn(), new Place()};

    @Override
    String name() {
        return "vector";
    }

    @Override
    void fill(int[] state, float[] out, int from, int blocks) {
        for (int done = 0; done < blocks; done += CHUNK) {
            int count = Math.min(CHUNK, blocks - done);
            for (Stage stage : stages) {
                stage.run(this, state, out, from + done * BLOCK, count);
            }
        }
    }

    /** One stage over {@code count} blocks. */
    private abstract static class Stage {
        abstract void run(VectorNormalBlocks k, int[] state, float[] out, int from, int count);
    }

    /** Two xoshiro128** words per lane and block, into words. */
    private static final class Draw extends Stage {
        @Override
        void run(VectorNormalBlocks k, int[] state, float[] out, int from, int count) {
            VectorLanes.draw(INTS, state, k.words, count * BLOCK);
        }
    }

    /** sqrt(-2 ln u1) from the first words into radii. */
    private static final class Radius extends Stage {
        @Override
        void run(VectorNormalBlocks k, int[] state, float[] out, int from, int count) {
            for (int i = 0; i < count * LANES; i += LANES) {
                VectorLanes.radius(IntVector.fromArray(INTS, k.words, 2 * i)).intoArray(k.radii, i);
            }
        }
    }

    /** The angle from the second words into cos and sin of its offset from the nearest quadrant, into the block's two halves. */
    private static final class Turn extends Stage {
        @Override
        void run(VectorNormalBlocks k, int[] state, float[] out, int from, int count) {
            for (int i = 0; i < count * LANES; i += LANES) {
                IntVector angle = angle(k, i);
                IntVector quadrant = VectorLanes.nearestQuadrant(angle);
                FloatVector x = VectorLanes.offset(angle, quadrant);
                FloatVector z = x.mul(x);
                int base = from + 2 * i;
                z.mul(COS_C2).add(COS_C1).mul(z).add(COS_C0).mul(z).mul(z).sub(z.mul(0.5f)).add(1f).intoArray(out, base);
                z.mul(SIN_S2).add(SIN_S1).mul(z).add(SIN_S0).mul(z).mul(x).add(x).intoArray(out, base + LANES);
            }
        }
    }

    /** The quadrant's swap and signs, times the radius, in place. */
    private static final class Place extends Stage {
        @Override
        void run(VectorNormalBlocks k, int[] state, float[] out, int from, int count) {
            for (int i = 0; i < count * LANES; i += LANES) {
                IntVector quadrant = VectorLanes.nearestQuadrant(angle(k, i));
                int base = from + 2 * i;
                FloatVector cos = FloatVector.fromArray(FLOATS, out, base);
                FloatVector sin = FloatVector.fromArray(FLOATS, out, base + LANES);
                FloatVector odd = VectorLanes.toFloat(quadrant.and(1));
                FloatVector even = FloatVector.broadcast(FLOATS, 1f).sub(odd);
                FloatVector cosTurned = cos.mul(even).add(sin.mul(odd));
                FloatVector sinTurned = sin.mul(even).add(cos.mul(odd));
                FloatVector radius = FloatVector.fromArray(FLOATS, k.radii, i);
                FloatVector cosSign = VectorLanes.toFloat(quadrant.add(1).and(2).neg().add(1));
                FloatVector sinSign = VectorLanes.toFloat(quadrant.and(2).neg().add(1));
                radius.mul(cosTurned.mul(cosSign)).intoArray(out, base);
                radius.mul(sinTurned.mul(sinSign)).intoArray(out, base + LANES);
            }
        }
    }

    /** The 24-bit angles of the eight lanes whose first words are at {@code i / 8} blocks in. */
    private static IntVector angle(VectorNormalBlocks k, int i) {
        return VectorLanes.angle(IntVector.fromArray(INTS, k.words, 2 * i + LANES));
    }
}
