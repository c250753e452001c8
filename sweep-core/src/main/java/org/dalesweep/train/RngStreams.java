package org.dalesweep.train;

import java.util.SplittableRandom;

/**
 * The independent random streams of one run, all derived from its seed in a fixed order, so the
 * same seed gives the same initialisation, trials and noise on every machine: network init and
 * mask, training trials, recurrent noise in training, the held-out trials, and the seed of the
 * held-out noise (reset at every evaluation, so evaluation is a function of the parameters only).
 */
public record RngStreams(SplittableRandom init, SplittableRandom trainTrials, SplittableRandom trainNoise,
                         SplittableRandom heldOutTrials, long heldOutNoiseSeed) {

    public static RngStreams of(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return new RngStreams(root.split(), root.split(), root.split(), root.split(), root.nextLong());
    }

    /** A fresh copy of the held-out noise stream. */
    public SplittableRandom heldOutNoise() {
        return new SplittableRandom(heldOutNoiseSeed);
    }
}
