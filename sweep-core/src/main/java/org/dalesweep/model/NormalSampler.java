package org.dalesweep.model;

import java.util.random.RandomGenerator;
import org.dalesweep.linalg.VectorWidth;

/**
 * Standard normals for the recurrent noise, fast: the Box-Muller transform over eight
 * xoshiro128** streams, 16 float32 values at a time ({@link NormalBlocks}), eight lanes in one
 * vector where the JVM has the Vector API. The noise needs T x B x N normals per batch, so their
 * cost per normal is a visible share of a training step: {@code RandomGenerator.nextGaussian()}
 * and an exact ziggurat before this were both slower (the figures: {@code bench/RESULTS.md}).
 *
 * <p>Exact but for the resolution of its uniforms, which are 24-bit as PyTorch's float32
 * {@code normal_} on a CPU (the same transform, also in blocks of 16): values are float32, and
 * no value lies beyond sqrt(48 ln 2) = 5.77 (probability 8e-9 under N(0, 1)). The logarithm,
 * sine and cosine are float32 polynomials good to about 1 ulp.
 *
 * <p>A stream: {@link #fill} in any chunks gives the same values as as many {@link #next()}
 * calls. Deterministic: {@link #reseed} takes one {@code nextLong()} from the caller's generator
 * and expands it with SplitMix64 into the 8 x 128-bit state, and the values are the same bits on
 * every machine with or without the Vector API. Not thread-safe: one sampler belongs to one
 * network.
 */
public final class NormalSampler {

    private final NormalBlocks blocks;
    private final int[] state = new int[NormalBlocks.STATE_WORDS];
    /** A block drawn for values asked for in pieces smaller than a block; {@code used} of it are gone. */
    private final float[] partial = new float[NormalBlocks.BLOCK];
    private int used = NormalBlocks.BLOCK;

    /** A sampler in a fixed state; call {@link #reseed} before use for a run's own stream. */
    public NormalSampler() {
        this(NormalBlocks.fastest());
    }

    NormalSampler(NormalBlocks blocks) {
        this.blocks = blocks;
        setState(0);
    }

    /** A sampler whose state comes from one {@code nextLong()} of {@code source}. */
    public static NormalSampler from(RandomGenerator source) {
        NormalSampler s = new NormalSampler();
        s.reseed(source);
        return s;
    }

    /** Which kernel draws: "vector" (jdk.incubator.vector resolved, 256- or 512-bit vectors) or "scalar"; the values are the same. */
    public String kernel() {
        return blocks.name();
    }

    /** Whether the vector kernel draws (else the scalar one: the same values, a slower step). */
    public boolean vectorised() {
        return !(blocks instanceof NormalBlocks.Scalar);
    }

    /** {@link #kernel()} and why, for a line of output: what a user would change to get the vector kernel. */
    public String kernelDescription() {
        if (vectorised()) {
            return "vector kernel (jdk.incubator.vector, " + VectorWidth.BITS + "-bit)";
        }
        return "scalar kernel (" + (NormalBlocks.vectorModuleResolved() ? "no 256-bit vectors on this CPU"
                : "jdk.incubator.vector is not resolved in this JVM: start java with --add-modules jdk.incubator.vector,"
                + " as bin/dalesweep and spark-submit do") + ")";
    }

    /** Resets the state from one {@code nextLong()} of {@code source}. */
    public void reseed(RandomGenerator source) {
        setState(source.nextLong());
    }

    void setState(long seed) {
        long z = seed;
        for (int l = 0; l < NormalBlocks.LANES; l++) {
            long low = splitMix(z += 0x9E3779B97F4A7C15L);
            long high = splitMix(z += 0x9E3779B97F4A7C15L);
            state[l] = (int) low;
            state[NormalBlocks.LANES + l] = (int) (low >>> 32);
            state[2 * NormalBlocks.LANES + l] = (int) high;
            state[3 * NormalBlocks.LANES + l] = (int) (high >>> 32);
            // SplitMix64 is a bijection of distinct inputs: at most one of low, high is 0, so no lane is all zero
        }
        used = NormalBlocks.BLOCK;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One standard normal. */
    public float next() {
        if (used == NormalBlocks.BLOCK) {
            blocks.fill(state, partial, 0, 1);
            used = 0;
        }
        return partial[used++];
    }

    /** Standard normals into {@code out[from, from + count)}: whole blocks straight in, the rest through a spare block. */
    public void fill(float[] out, int from, int count) {
        int e = from;
        int end = from + count;
        while (used < NormalBlocks.BLOCK && e < end) {
            out[e++] = partial[used++];
        }
        int whole = (end - e) / NormalBlocks.BLOCK;
        if (whole > 0) {
            blocks.fill(state, out, e, whole);
            e += whole * NormalBlocks.BLOCK;
        }
        while (e < end) {
            out[e++] = next();
        }
    }

    /** {@link #fill(float[], int, int)} widened to float64 (the gradient checks' precision): the same values. */
    public void fill(double[] out, int from, int count) {
        for (int e = from; e < from + count; e++) {
            out[e] = next();
        }
    }
}
