package org.dalesweep.task;

import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskSpec;

/**
 * Random-dots evidence on a pair of input channels (pycog's {@code rdm}), read once from
 * {@code task.coherences}, {@code task.coherence_scale} and {@code task.sigma_in}: the favoured
 * channel at {@code (1 + coherence_scale·coh/100)/2}, the other at {@code (1 − coherence_scale·coh/100)/2},
 * each with Gaussian noise of per-step std {@code sigma_in/sqrt(dt/ms)} ({@link Timing#noiseStd}).
 */
final class Evidence {
    private final double[] coherences;
    private final double scale;
    private final double noiseStd;

    Evidence(TaskSpec spec, double dtMs) {
        this.coherences = spec.numbers("coherences").stream().mapToDouble(Double::doubleValue).toArray();
        this.scale = spec.number("coherence_scale");
        this.noiseStd = Timing.noiseStd(spec.number("sigma_in"), dtMs);
    }

    /** One of the coherences, uniformly (one draw). */
    double coherence(RandomGenerator rng) {
        return coherences[rng.nextInt(coherences.length)];
    }

    /**
     * Channels {@code first} and {@code first + 1} of trial {@code b} over steps [from, to), channel
     * {@code first + favoured} favoured; then the noise, channel {@code first}'s draws before the other's.
     */
    void write(TrialBuffer buf, int b, int first, int favoured, int from, int to, double coh, RandomGenerator rng) {
        buf.input(b, first + favoured, from, to, 0.5 * (1 + scale * coh / 100));
        buf.input(b, first + 1 - favoured, from, to, 0.5 * (1 - scale * coh / 100));
        buf.noise(b, first, from, to, noiseStd, rng);
        buf.noise(b, first + 1, from, to, noiseStd, rng);
    }
}
