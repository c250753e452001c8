package org.dalesweep.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane-wise arithmetic the two vector kernels of {@link NormalBlocks} share
 * ({@link VectorNormalBlocks} at 256 bits, {@link WideNormalBlocks} at 512): the scalar kernel's
 * operations on vectors of any shape, each vector's own shape throughout. Only one of the kernels
 * runs in a JVM ({@code linalg.VectorWidth}), so C2 sees one vector class here.
 */
final class VectorLanes {

    private VectorLanes() {
    }

    /**
     * xoshiro128** over the lanes of one vector of {@code ints}: the state's words s0, s1, s2, s3
     * are the vectors at 0, L, 2L, 3L of {@code state} (L lanes); each step's outputs go to
     * {@code words} L after the last, {@code length / L} steps in all; the state is advanced.
     */
    static void draw(VectorSpecies<Integer> ints, int[] state, int[] words, int length) {
        int l = ints.length();
        IntVector a = IntVector.fromArray(ints, state, 0);
        IntVector b = IntVector.fromArray(ints, state, l);
        IntVector c = IntVector.fromArray(ints, state, 2 * l);
        IntVector d = IntVector.fromArray(ints, state, 3 * l);
        for (int i = 0; i < length; i += l) {
            scramble(b).intoArray(words, i);
            IntVector t = b.lanewise(VectorOperators.LSHL, 9);
            c = c.lanewise(VectorOperators.XOR, a);
            d = d.lanewise(VectorOperators.XOR, b);
            b = b.lanewise(VectorOperators.XOR, c);
            a = a.lanewise(VectorOperators.XOR, d);
            c = c.lanewise(VectorOperators.XOR, t);
            d = d.lanewise(VectorOperators.ROL, 11);
        }
        a.intoArray(state, 0);
        b.intoArray(state, l);
        c.intoArray(state, 2 * l);
        d.intoArray(state, 3 * l);
    }

    /** xoshiro128**'s output, rotl(b 5, 7) 9, with the products as shifts and adds. */
    private static IntVector scramble(IntVector b) {
        IntVector m = b.lanewise(VectorOperators.LSHL, 2).add(b);
        IntVector r = m.lanewise(VectorOperators.ROL, 7);
        return r.lanewise(VectorOperators.LSHL, 3).add(r);
    }

    /** sqrt(-2 ln u1), u1 from the top 24 bits of the first words. */
    static FloatVector radius(IntVector first) {
        FloatVector u1 = toFloat(first.lanewise(VectorOperators.LSHR, 8).add(1)).mul(NormalBlocks.UNIT);
        return log(u1).mul(-2f).lanewise(VectorOperators.SQRT);
    }

    /** {@link NormalBlocks.Scalar#log}, every lane at once. */
    private static FloatVector log(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        IntVector mantissa = bits.and(0x007fffff).or(0x3f000000);
        IntVector low = mantissa.sub(NormalBlocks.SQRT_HALF_BITS).lanewise(VectorOperators.LSHR, 31);
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126).sub(low);
        FloatVector m = mantissa.reinterpretAsFloats();
        FloatVector f = m.sub(1f).add(m.mul(toFloat(low)));
        FloatVector z = f.mul(f);
        FloatVector p = f.broadcast(NormalBlocks.LOG_P[0]);
        for (int i = 1; i < NormalBlocks.LOG_P.length; i++) {
            p = p.mul(f).add(NormalBlocks.LOG_P[i]);
        }
        FloatVector y = p.mul(f).mul(z);
        FloatVector fe = toFloat(e);
        y = y.add(fe.mul(NormalBlocks.LN2_LO));
        y = y.sub(z.mul(0.5f));
        return f.add(y).add(fe.mul(NormalBlocks.LN2_HI));
    }

    /** The 24-bit angle of the second words. */
    static IntVector angle(IntVector second) {
        return second.lanewise(VectorOperators.LSHR, 8);
    }

    /** The quarter turn nearest each angle (0 to 4, where 4 is the full turn, 0 again). */
    static IntVector nearestQuadrant(IntVector angle) {
        return angle.add(1 << 21).lanewise(VectorOperators.LSHR, 22);
    }

    /** The angle's offset from its quadrant, in radians. */
    static FloatVector offset(IntVector angle, IntVector quadrant) {
        return toFloat(angle.sub(quadrant.lanewise(VectorOperators.LSHL, 22))).mul(NormalBlocks.QUARTER_TURN_STEP);
    }

    static FloatVector toFloat(IntVector v) {
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }
}
