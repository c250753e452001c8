package org.dalesweep.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dalesweep.model.RateRnn;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskSpec;
import org.dalesweep.task.Batch;
import org.dalesweep.task.Task;

/**
 * What a set of runs will cost on this machine, from a few timed iterations of each distinct
 * network shape (DESIGN §5.1): runs that share task, units, batch sizes, evaluation schedule,
 * iterations and whether the rate cost needs its second backward pass cost the same, so one
 * timing serves them all. A run's cost is its iterations times the median training step plus its
 * evaluations times the faster of two evaluation passes, in the timing thread's CPU time (so a busy
 * machine does not inflate it), on one core; Spark's per-task overhead is not included. The figure is an upper bound where
 * runs may stop early ({@code stop_when_settled}, {@code target_accuracy}, {@code budget_s}).
 */
public final class CostEstimate {

    /** Training steps timed per shape, after {@link #WARMUP} untimed ones. */
    public static final int TIMED = 5;
    static final int WARMUP = 3;
    static final double WARM_UP_SECONDS = 2;

    /** The estimate: core-seconds of the runs it could time, the runs it could not (and why), the shapes timed. */
    public record Estimate(double coreSeconds, int runsTimed, int shapesTimed, int runsNotTimed, List<String> notTimed,
                           boolean upperBound) {
        public double coreHours() {
            return coreSeconds / 3600;
        }
    }

    private record Shape(TaskSpec task, int units, int batch, int evalBatch, int evalEvery, int iterations,
                         boolean rateCost) {
        static Shape of(RunSpec s) {
            return new Shape(s.task(), s.network().units(), s.training().batchSize(), s.training().evalBatch(),
                    s.training().evalEvery(), s.training().iterations(), s.loss().rateL2() > 0);
        }
    }

    private CostEstimate() {
    }

    /** Times each distinct shape among {@code specs} once and adds up the runs' costs. */
    public static Estimate of(List<RunSpec> specs) {
        Map<Shape, List<RunSpec>> byShape = new LinkedHashMap<>();
        for (RunSpec s : specs) {
            byShape.computeIfAbsent(Shape.of(s), k -> new ArrayList<>()).add(s);
        }
        double total = 0;
        int timed = 0;
        int notTimed = 0;
        int shapes = 0;
        boolean upper = false;
        List<String> problems = new ArrayList<>();
        boolean warm = false;
        for (Map.Entry<Shape, List<RunSpec>> e : byShape.entrySet()) {
            if (!warm) {
                warm = warmUp(e.getValue().get(0));
            }
            RunSpec sample = e.getValue().get(0);
            double perRun;
            try {
                perRun = secondsPerRun(sample);
            } catch (SpecException | RuntimeException ex) {
                notTimed += e.getValue().size();
                problems.add(sample.task().name() + " (" + e.getValue().size() + " runs): " + ex.getMessage());
                continue;
            }
            shapes++;
            timed += e.getValue().size();
            total += perRun * e.getValue().size();
            for (RunSpec s : e.getValue()) {
                upper |= s.training().stopWhenSettled() || s.training().stopsAtTarget() || s.training().budgetS() > 0;
            }
        }
        return new Estimate(total, timed, shapes, notTimed, problems, upper);
    }

    /**
     * This thread's CPU time: what a run costs a core, whatever else the machine is doing while the
     * estimate is taken (BLAS runs single-threaded in the calling thread). Wall time where the JVM
     * cannot measure it.
     */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * Trains the first shape for about {@link #WARM_UP_SECONDS} so the JIT has compiled the step
     * before anything is timed (interpreted steps are many times slower); false if it cannot run.
     */
    private static boolean warmUp(RunSpec spec) {
        try {
            TimingRig rig = TimingRig.of(spec);
            long end = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
            while (System.nanoTime() < end) {
                rig.step(spec.training().batchSize());
            }
            return true;
        } catch (SpecException | RuntimeException e) {
            return false;
        }
    }

    /** One run of this spec's shape: iterations x step + evaluations x evaluation, in seconds on one core. */
    static double secondsPerRun(RunSpec spec) throws SpecException {
        TimingRig rig = TimingRig.of(spec);
        Task task = rig.task();
        RngStreams rng = rig.rng();
        RateRnn net = rig.net();
        TrainingStep step = rig.step();
        double[] stepMs = new double[TIMED];
        for (int i = 0; i < WARMUP + TIMED; i++) {
            Batch batch = task.sample(spec.training().batchSize(), rng.trainTrials());
            long t0 = cpuNanos();
            step.run(batch, rng.trainNoise());
            if (i >= WARMUP) {
                stepMs[i - WARMUP] = (cpuNanos() - t0) / 1e6;
            }
        }
        Batch heldOut = task.sampleHeldOut(spec.training().evalBatch(), new SplittableRandom(1));
        double[] evalMs = new double[2];
        for (int i = 0; i < evalMs.length + 1; i++) {
            long t0 = cpuNanos();
            net.evaluate(heldOut, new SplittableRandom(2), null);
            if (i > 0) {
                evalMs[i - 1] = (cpuNanos() - t0) / 1e6;
            }
        }
        java.util.Arrays.sort(stepMs);
        int iterations = spec.training().iterations();
        int evaluations = iterations / spec.training().evalEvery() + 2;
        return (iterations * stepMs[TIMED / 2] + evaluations * Math.min(evalMs[0], evalMs[1])) / 1e3;
    }
}
