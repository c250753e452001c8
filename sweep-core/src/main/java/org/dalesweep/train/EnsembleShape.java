package org.dalesweep.train;

import java.util.List;
import org.dalesweep.spec.LossKind;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.TaskSpec;

/**
 * What the runs of one ensemble share (issue 21): units, batch size and the task (which fixes
 * the time steps and the trials' layout) and the loss kind. Everything else (seeds, alpha
 * settings, tau_ratio, connectivity, costs, arms, iterations) may differ. Runs of one shape cost
 * about the same per iteration, so an ensemble of them keeps its members in step.
 */
public record EnsembleShape(int units, int batchSize, TaskSpec task, LossKind lossKind) {

    /** Runs per Spark task when {@code run} is given no {@code --ensemble}: see bench/RESULTS.md. */
    public static final int DEFAULT_SIZE = 1;

    /** The shape of a run. */
    public static EnsembleShape of(RunSpec spec) {
        return new EnsembleShape(spec.network().units(), spec.training().batchSize(), spec.task(), spec.loss().kind());
    }

    /** Throws {@link IllegalArgumentException} naming the first run whose shape differs from the first run's. */
    static void requireOne(List<RunSpec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        EnsembleShape first = of(specs.get(0));
        for (int i = 1; i < specs.size(); i++) {
            EnsembleShape s = of(specs.get(i));
            if (!s.equals(first)) {
                throw new IllegalArgumentException("an ensemble's runs share one shape: run " + i + " has " + s
                        + ", run 0 " + first);
            }
        }
    }
}
