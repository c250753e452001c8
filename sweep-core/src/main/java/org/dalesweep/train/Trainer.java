package org.dalesweep.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.dalesweep.Version;
import org.dalesweep.model.LossParts;
import org.dalesweep.model.Parameter;
import org.dalesweep.model.Products;
import org.dalesweep.model.RateRnn;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.TrainingSpec;
import org.dalesweep.task.Batch;
import org.dalesweep.task.Task;
import org.dalesweep.task.Tasks;
import org.dalesweep.task.TestSet;

/**
 * Trains one run (DESIGN §4): Adam with global-norm clipping on fresh trials every iteration,
 * evaluation on a fixed held-out batch every {@code eval_every} iterations (and at 0 and at the
 * end), invariants asserted at every evaluation, an optional stop at a target accuracy, and a
 * wall-clock budget. Never throws: a NaN or exploding loss ends the run as DIVERGED with its
 * trajectory so far, any other failure as FAILED with its message. A task with a test set (the
 * image tasks) evaluates on its validation split during training and scores the test set once, when
 * the run completes: that is the run's accuracy, the last validation score its val_accuracy (both the
 * held-out score for tasks without one). Runs of one shape can also be trained together, in step
 * ({@link #trainTogether}), each with the same bits as alone.
 */
public final class Trainer {

    private final TrainOptions options;
    private final SpecCodec codec = new SpecCodec();

    public Trainer(TrainOptions options) {
        this.options = options;
    }

    /** Trains the run a resolved spec describes. */
    public RunResult train(RunSpec spec) {
        Run run = new Run(spec);
        while (run.advance()) {
            // one iteration per call
        }
        return run.result;
    }

    /** Where an ensemble hands each run's result as soon as the run ends. */
    @FunctionalInterface
    public interface Finished<E extends Exception> {
        void accept(RunResult result) throws E;
    }

    /**
     * Trains runs of one {@link EnsembleShape} together (issue 21): every live run takes its
     * next iteration in turn, in the order given, and a run that ends (its iterations done,
     * settled, at its target accuracy, over its budget, diverged or failed) is handed to
     * {@code finished} at once and leaves the others running. Each run keeps its own network,
     * optimiser state, random streams, clock and stopping rule, and does exactly the arithmetic
     * {@link #train} does with the same {@link TrainOptions}, so with OpenBLAS's products its
     * result has the same bits as a solo run's (its seconds aside: a run's clock counts only the
     * time spent on its own iterations); with {@link org.dalesweep.model.Products#VECTOR} (what
     * {@code run --ensemble K} uses for K >= 2) they agree within float32 rounding. An exception from
     * {@code finished} stops the ensemble and is rethrown; the runs not yet handed over are lost.
     */
    public <E extends Exception> void trainTogether(List<RunSpec> specs, Finished<E> finished) throws E {
        EnsembleShape.requireOne(specs);
        List<Run> live = new ArrayList<>(specs.size());
        for (RunSpec spec : specs) {
            live.add(new Run(spec));
        }
        while (!live.isEmpty()) {
            for (Iterator<Run> it = live.iterator(); it.hasNext(); ) {
                Run run = it.next();
                if (!run.advance()) {
                    it.remove();
                    finished.accept(run.result);
                }
            }
        }
    }

    /**
     * The mutable state of one run in progress, advanced one iteration at a time (the set-up and
     * the evaluation at iteration 0 first); confined to the calling thread.
     */
    private final class Run {
        private final RunSpec spec;
        private final TrainingSpec training;
        /** Nanoseconds spent in this run's own {@link #advance} calls before the current one. */
        private long busyNanos;
        private long segmentStart;
        /** Set when the run has ended. */
        private RunResult result;
        private Task task;
        private RngStreams rng;
        private Batch heldOut;
        private float[] outputs;
        private TrainingStep step;
        private final List<TrajectoryPoint> trajectory = new ArrayList<>();
        private final List<ParamSnapshot> snapshots = new ArrayList<>();
        private RateRnn net;
        private NetworkMeasures initial;
        private int iteration;
        private double lastTrainLoss = Double.NaN;
        private double lastGradNorm = Double.NaN;
        private double lastAlphaGradNorm = Double.NaN;
        private double alphaMin = Double.POSITIVE_INFINITY;
        private double alphaMax = Double.NEGATIVE_INFINITY;
        private LossParts lastEval;
        private final PressureLog pressure = new PressureLog();
        private double lastAccuracy = Double.NaN;
        private boolean hasTestSet;
        private double testAccuracy = Double.NaN;

        Run(RunSpec spec) {
            this.spec = spec;
            this.training = spec.training();
        }

        /**
         * Sets the run up, or takes its next iteration; false once it has ended ({@link #result}
         * set). Never throws: divergence and failure end the run with their result.
         */
        boolean advance() {
            if (result != null) {
                return false;
            }
            segmentStart = System.nanoTime();
            try {
                String stopReason = task == null ? setUp() : iterate();
                if (stopReason != null) {
                    keepParams("final");
                    if (hasTestSet) {
                        testAccuracy = testScore(task, task.testSet().orElseThrow(), rng);
                    }
                    result = result(RunStatus.COMPLETED, "", stopReason);
                }
            } catch (Diverged d) {
                result = result(RunStatus.DIVERGED, d.getMessage(), "diverged");
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                result = result(RunStatus.FAILED, Failures.describe(e), "failed");
            } finally {
                busyNanos += System.nanoTime() - segmentStart;
                segmentStart = 0;
            }
            return result == null;
        }

        /** Task, streams, network, held-out batch and the evaluation at iteration 0; a stop reason if there is nothing to train. */
        private String setUp() throws Exception {
            task = Tasks.create(spec.task(), spec.network());
            hasTestSet = task.testSet().isPresent();
            rng = RngStreams.of(spec.seed());
            net = RateRnn.create(spec, task.inputCount(), task.outputCount(), options.precision(), options.products(),
                    rng.init());
            net.checkInvariants();
            initial = NetworkMeasures.of(net);
            keepParams("init");
            heldOut = task.sampleHeldOut(training.evalBatch(), rng.heldOutTrials());
            outputs = new float[heldOut.steps() * heldOut.size() * heldOut.outputCount()];
            step = new TrainingStep(net, training, spec.alpha());
            evaluate(task, heldOut, outputs, rng);
            return iteration < training.iterations() ? null : "iterations";
        }

        /** One training iteration with its evaluation and stopping checks; the stop reason, or null to go on. */
        private String iterate() throws Diverged {
            Batch batch = task.sample(training.batchSize(), rng.trainTrials());
            TrainingStep.Outcome out = step.run(batch, rng.trainNoise());
            iteration++;
            lastTrainLoss = out.loss().total();
            lastGradNorm = out.gradNorm();
            lastAlphaGradNorm = out.alphaGradNorm();
            if (!Double.isFinite(lastTrainLoss) || lastTrainLoss > training.divergeLoss()) {
                throw new Diverged("training loss " + lastTrainLoss + " at iteration " + iteration);
            }
            pressure.add(out.pressure());
            if (!Double.isFinite(lastGradNorm)) {
                throw new Diverged("gradient norm " + lastGradNorm + " at iteration " + iteration);
            }
            boolean last = iteration == training.iterations();
            if (iteration % training.evalEvery() == 0 || last) {
                evaluate(task, heldOut, outputs, rng);
                if (training.stopsAtTarget() && lastAccuracy >= training.targetAccuracy()) {
                    return "target_accuracy";
                }
                if (training.stopWhenSettled() && !last && Settling.settled(trajectory, training.settleWindow())) {
                    return "settled";
                }
            }
            if (training.budgetS() > 0 && seconds() > training.budgetS()) {
                if (iteration % training.evalEvery() != 0 && !last) {
                    evaluate(task, heldOut, outputs, rng);
                }
                return "budget";
            }
            return last ? "iterations" : null;
        }

        private void evaluate(Task task, Batch heldOut, float[] outputs, RngStreams rng) throws Diverged {
            LossParts loss = net.evaluate(heldOut, rng.heldOutNoise(), outputs);
            boolean diverged = !Double.isFinite(loss.total()) || loss.total() > training.divergeLoss();
            if (!diverged) {
                net.checkInvariants();
            }
            NetworkMeasures a = NetworkMeasures.alphaOf(net);
            lastEval = loss;
            lastAccuracy = task.score(heldOut, outputs);
            alphaMin = Math.min(alphaMin, a.alphaMean());
            alphaMax = Math.max(alphaMax, a.alphaMean());
            TrajectoryPoint p = new TrajectoryPoint(iteration, seconds(), a.alphaMean(), a.alphaMin(), a.alphaMax(),
                    lastTrainLoss, loss.total(), loss.task(), lastAccuracy, lastGradNorm, lastAlphaGradNorm,
                    pressure.closeWindow());
            trajectory.add(p);
            options.listener().onEvaluation(spec, p, training.iterations());
            if (diverged) {
                throw new Diverged("held-out loss " + loss.total() + " at iteration " + iteration);
            }
        }

        /** The score over the whole test set, in slices of {@code eval_batch}, with the held-out noise. */
        private double testScore(Task task, TestSet test, RngStreams rng) {
            java.util.random.RandomGenerator noise = rng.heldOutNoise();
            double sum = 0;
            for (int from = 0; from < test.size(); from += training.evalBatch()) {
                Batch slice = test.batch(from, Math.min(test.size(), from + training.evalBatch()));
                float[] z = new float[slice.steps() * slice.size() * slice.outputCount()];
                net.evaluate(slice, noise, z);
                sum += task.score(slice, z) * slice.size();
            }
            return sum / test.size();
        }

        private void keepParams(String stage) {
            if (!options.keepParams()) {
                return;
            }
            for (Parameter p : net.parameters()) {
                double[] values = new double[p.size()];
                Arrays.setAll(values, p::value);
                snapshots.add(new ParamSnapshot(stage, p.name(), p.rows(), p.cols(), values));
            }
        }

        /** The run's own time: its set-up and iterations, not the other runs' of an ensemble. */
        private double seconds() {
            long now = segmentStart == 0 ? 0 : System.nanoTime() - segmentStart;
            return (busyNanos + now) / 1e9;
        }

        private RunResult result(RunStatus status, String message, String stopReason) {
            NetworkMeasures end = null;
            if (net != null && status == RunStatus.COMPLETED) {
                end = NetworkMeasures.of(net);
            } else if (net != null) {
                try {
                    end = NetworkMeasures.alphaOf(net);
                } catch (RuntimeException ignored) {
                    end = null; // a network broken enough to fail cannot be measured; keep NaN
                }
            }
            double nan = Double.NaN;
            List<Double> alphaNeurons = new ArrayList<>();
            if (end != null) {
                for (double x : end.alphas()) {
                    alphaNeurons.add(x);
                }
            }
            RunResult.AlphaSummary alpha = new RunResult.AlphaSummary(
                    spec.alpha().init(),
                    end == null ? nan : end.alphaMean(),
                    trajectory.isEmpty() ? nan : alphaMin,
                    trajectory.isEmpty() ? nan : alphaMax,
                    end == null ? nan : end.alphaE(),
                    end == null ? nan : end.alphaI(),
                    alphaNeurons);
            RunResult.Scores scores = new RunResult.Scores(
                    lastEval == null ? nan : lastEval.total(),
                    lastEval == null ? nan : lastEval.task(),
                    hasTestSet ? testAccuracy : lastAccuracy,
                    lastAccuracy);
            RunResult.WeightSpectra weights = new RunResult.WeightSpectra(
                    initial == null ? RunResult.Spectrum.NONE : initial.spectrum(),
                    end == null ? RunResult.Spectrum.NONE : end.spectrum(),
                    end == null ? nan : end.daleNorm(),
                    end == null ? nan : end.freeNorm(),
                    end == null ? nan : end.freeWrongSignMass());
            return new RunResult(codec.runId(spec), spec, Version.get(),
                    new RunResult.Ending(status, message, stopReason, iteration, seconds()),
                    alpha, scores, weights, pressure.summary(), trajectory, snapshots,
                    net == null ? Products.BLAS : net.products());
        }
    }

    /** A run whose loss became NaN or exploded: a scientific outcome, not an error. */
    private static final class Diverged extends Exception {
        private static final long serialVersionUID = 1L;

        Diverged(String message) {
            super(message);
        }
    }
}
