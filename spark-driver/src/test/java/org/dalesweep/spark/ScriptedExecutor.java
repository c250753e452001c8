package org.dalesweep.spark;

import org.apache.spark.TaskContext;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.train.RunResult;

/**
 * The stand-in trainer with a script, for the cluster fault tests: every run takes
 * {@code millis}; the first attempt of the run with alpha.init {@code slowAlpha} and seed
 * {@code slowSeed} takes {@code slowMillis} instead (a straggler for speculation to copy), and the
 * first attempt of runs with alpha.init {@code failOnceAlpha} fails its Spark task (an error the
 * task does not turn into a FAILED row), so that Spark retries it.
 */
final class ScriptedExecutor implements RunExecutor {
    private static final long serialVersionUID = 1L;

    private final long millis;
    private final double slowAlpha;
    private final long slowSeed;
    private final long slowMillis;
    private final double failOnceAlpha;

    ScriptedExecutor(long millis, double slowAlpha, long slowSeed, long slowMillis, double failOnceAlpha) {
        this.millis = millis;
        this.slowAlpha = slowAlpha;
        this.slowSeed = slowSeed;
        this.slowMillis = slowMillis;
        this.failOnceAlpha = failOnceAlpha;
    }

    /** Parses {@code MILLIS[,slow=ALPHA:SEED:MILLIS][,failonce=ALPHA]}. */
    static ScriptedExecutor parse(String script) {
        String[] parts = script.split(",");
        long millis = Long.parseLong(parts[0]);
        double slowAlpha = Double.NaN;
        long slowSeed = -1;
        long slowMillis = 0;
        double failOnce = Double.NaN;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            switch (kv[0]) {
                case "slow" -> {
                    String[] v = kv[1].split(":");
                    slowAlpha = Double.parseDouble(v[0]);
                    slowSeed = Long.parseLong(v[1]);
                    slowMillis = Long.parseLong(v[2]);
                }
                case "failonce" -> failOnce = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException("unknown script item " + parts[i] + " in " + script);
            }
        }
        return new ScriptedExecutor(millis, slowAlpha, slowSeed, slowMillis, failOnce);
    }

    @Override
    public RunResult train(RunSpec spec, boolean keepParams) {
        TaskContext task = TaskContext.get();
        boolean firstAttempt = task == null || task.attemptNumber() == 0;
        double a0 = spec.alpha().init();
        if (firstAttempt && a0 == failOnceAlpha) {
            throw new AssertionError("scripted: the first attempt of this task fails");
        }
        long sleep = firstAttempt && a0 == slowAlpha && spec.seed() == slowSeed ? slowMillis : millis;
        return new FakeExecutor(sleep, Double.NaN, Double.NaN).train(spec, keepParams);
    }
}
