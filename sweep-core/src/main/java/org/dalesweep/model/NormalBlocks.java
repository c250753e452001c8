package org.dalesweep.model;

import org.dalesweep.linalg.VectorWidth;

/**
 * The kernel of {@link NormalSampler}: blocks of 16 float32 standard normals from eight
 * xoshiro128** streams, by the Box-Muller transform. Lane l of a block takes two 32-bit words
 * from stream l; their top 24 bits give u1 in (0, 1] and an angle u2 in [0, 1), and the block
 * holds r cos(2 pi u2) in its first eight places and r sin(2 pi u2) in its last eight, with
 * r = sqrt(-2 ln u1).
 *
 * <p>Everything is float32 additions, multiplications, a square root and integer bit work, each
 * correctly rounded or exact, in one fixed order: so the scalar kernel here and
 * {@link VectorNormalBlocks} and {@link WideNormalBlocks} (the incubating Vector API, eight lanes at
 * once in 256 or 512 bits) give the same bits
 * on any machine, and a run on a JVM without {@code jdk.incubator.vector} draws the same noise,
 * only slower. The logarithm, sine and cosine are Cephes' float32 polynomials (about 1 ulp);
 * the sine and cosine need no range reduction beyond the quadrant, which the integer angle gives
 * exactly.
 *
 * <p>State: {@code int[32]}, words s0 of the eight lanes at 0-7, s1 at 8-15, s2 at 16-23, s3 at
 * 24-31. Both kernels work in the same four stages with scratch arrays of their own, so an
 * instance is not thread-safe: one belongs to one sampler.
 */
abstract class NormalBlocks {

    static final int LANES = 8;
    static final int BLOCK = 2 * LANES;
    static final int STATE_WORDS = 4 * LANES;
    /** Blocks per pass through a kernel's stages (draw, radius, turn, place), whose scratch arrays hold this many. */
    static final int CHUNK = 16;

    /** u1 = (top 24 bits + 1) 2^-24, in (0, 1]: its logarithm is finite. */
    static final float UNIT = 0x1.0p-24f;
    /** A quarter turn per 2^22 of the 24-bit angle, the quadrant split off: pi / 2 / 2^22. */
    static final float QUARTER_TURN_STEP = (float) (Math.PI / 2 / (1 << 22));
    /** ln 2 in two parts, the first exact in few bits (Cephes). */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float SQRT_HALF = 0.70710678118654752440f;
    static final int SQRT_HALF_BITS = Float.floatToRawIntBits(SQRT_HALF);
    /** ln(1 + f) = f - f^2 / 2 + f^3 P(f), f in [sqrt(1/2) - 1, sqrt(2) - 1): P's coefficients, highest first. */
    static final float[] LOG_P = {
        7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f, 1.4249322787E-1f,
        -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f};
    /** sin x = x + x^3 S(x^2) on [-pi/4, pi/4]. */
    static final float SIN_S2 = -1.9515295891E-4f;
    static final float SIN_S1 = 8.3321608736E-3f;
    static final float SIN_S0 = -1.6666654611E-1f;
    /** cos x = 1 - x^2 / 2 + x^4 C(x^2) on [-pi/4, pi/4]. */
    static final float COS_C2 = 2.443315711809948E-5f;
    static final float COS_C1 = -1.388731625493765E-3f;
    static final float COS_C0 = 4.166664568298827E-2f;

    /** Writes {@code blocks} blocks of 16 normals to {@code out[from...]}, advancing {@code state}. */
    abstract void fill(int[] state, float[] out, int from, int blocks);

    /** Which kernel this is, for the record ("vector" or "scalar"). */
    abstract String name();

    /**
     * The vector kernel where the JVM resolved {@code jdk.incubator.vector} (the launcher and the
     * build pass {@code --add-modules}) and the CPU has 256-bit vectors, at the width every vector
     * kernel of the JVM uses ({@link VectorWidth}: {@link WideNormalBlocks} at 512 bits,
     * {@link VectorNormalBlocks} at 256), else the scalar one: the same values either way. (On
     * narrower hardware the Vector API emulates 256-bit vectors in plain Java, far slower than the
     * scalar kernel.)
     */
    static NormalBlocks fastest() {
        if (VectorWidth.wide()) {
            return new WideNormalBlocks();
        }
        return VectorWidth.usable() ? new VectorNormalBlocks() : new Scalar();
    }

    /** Whether this JVM resolved {@code jdk.incubator.vector} (it is not resolved unless asked for). */
    static boolean vectorModuleResolved() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Plain Java, lane by lane within each stage: the definition the vector kernel reproduces. */
    static final class Scalar extends NormalBlocks {

        @Override
        String name() {
            return "scalar";
        }

        /** Block k's words: lane l's first at 16k + l, its second at 16k + 8 + l (where its normals go). */
        private final int[] words = new int[CHUNK * BLOCK];
        private final float[] radii = new float[CHUNK * LANES];

        @Override
        void fill(int[] state, float[] out, int from, int blocks) {
            for (int done = 0; done < blocks; done += CHUNK) {
                int count = Math.min(CHUNK, blocks - done);
                int base = from + done * BLOCK;
                draw(state, count);
                radius(count);
                turn(out, base, count);
                place(out, base, count);
            }
        }

        private void draw(int[] state, int count) {
            for (int l = 0; l < LANES; l++) {
                int a = state[l];
                int b = state[LANES + l];
                int c = state[2 * LANES + l];
                int d = state[3 * LANES + l];
                for (int i = l; i < count * BLOCK; i += LANES) {
                    words[i] = scramble(b);
                    int t = b << 9;
                    c ^= a;
                    d ^= b;
                    b ^= c;
                    a ^= d;
                    c ^= t;
                    d = Integer.rotateLeft(d, 11);
                }
                state[l] = a;
                state[LANES + l] = b;
                state[2 * LANES + l] = c;
                state[3 * LANES + l] = d;
            }
        }

        private void radius(int count) {
            for (int i = 0; i < count * LANES; i++) {
                float u1 = (float) ((words[i + (i & -LANES)] >>> 8) + 1) * UNIT;
                radii[i] = (float) Math.sqrt(log(u1) * -2f);
            }
        }

        private void turn(float[] out, int base, int count) {
            for (int i = 0; i < count * LANES; i++) {
                int at = i + (i & -LANES); // lane l of block k: 16k + l, its cosine's place; the sine's is 8 further
                int angle = words[at + LANES] >>> 8;
                int quadrant = (angle + (1 << 21)) >>> 22;
                float x = (float) (angle - (quadrant << 22)) * QUARTER_TURN_STEP;
                float z = x * x;
                at += base;
                out[at] = ((z * COS_C2 + COS_C1) * z + COS_C0) * z * z - z * 0.5f + 1f;
                out[at + LANES] = ((z * SIN_S2 + SIN_S1) * z + SIN_S0) * z * x + x;
            }
        }

        private void place(float[] out, int base, int count) {
            for (int i = 0; i < count * LANES; i++) {
                int at = i + (i & -LANES);
                int quadrant = ((words[at + LANES] >>> 8) + (1 << 21)) >>> 22;
                at += base;
                float cos = out[at];
                float sin = out[at + LANES];
                // odd quadrants swap cosine and sine (exact without a branch: neither is ever -0, and cos > 0);
                // quadrants 1 and 2 negate the cosine, 2 and 3 the sine (exactly: a product with -1)
                float odd = (float) (quadrant & 1);
                float cosTurned = cos * (1f - odd) + sin * odd;
                float sinTurned = sin * (1f - odd) + cos * odd;
                out[at] = radii[i] * (cosTurned * (float) (1 - ((quadrant + 1) & 2)));
                out[at + LANES] = radii[i] * (sinTurned * (float) (1 - (quadrant & 2)));
            }
        }

        /** xoshiro128**'s output, rotl(b 5, 7) 9, with the products as shifts and adds. */
        private static int scramble(int b) {
            int m = (b << 2) + b;
            int r = Integer.rotateLeft(m, 7);
            return (r << 3) + r;
        }

        /** ln x for a positive normal float: exponent and mantissa in [sqrt(1/2), sqrt(2)), then Cephes' polynomial. */
        static float log(float x) {
            int bits = Float.floatToRawIntBits(x);
            int e = (bits >>> 23) - 126;
            int mantissa = (bits & 0x007fffff) | 0x3f000000; // m in [1/2, 1)
            // m < sqrt(1/2), compared as the bits of two positive floats, without a branch: then 2m - 1, exponent - 1
            int low = (mantissa - SQRT_HALF_BITS) >>> 31;
            e -= low;
            float m = Float.intBitsToFloat(mantissa);
            float f = (m - 1f) + m * (float) low;
            float z = f * f;
            float p = LOG_P[0];
            for (int i = 1; i < LOG_P.length; i++) {
                p = p * f + LOG_P[i];
            }
            float y = p * f * z;
            float fe = (float) e;
            y = y + fe * LN2_LO;
            y = y - z * 0.5f;
            return f + y + fe * LN2_HI;
        }
    }
}
