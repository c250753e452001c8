package org.dalesweep.train;

import java.util.List;
import java.util.Objects;
import org.dalesweep.model.Products;
import org.dalesweep.spec.RunSpec;

/**
 * The outcome of one run (DESIGN §4) with its provenance: the run id, the resolved spec (seed
 * included) and the tool version, so any result can be reproduced; then the outcome in groups —
 * how the run ended, alpha, the held-out scores, W_rec's spectra and norms, the pressure on
 * alpha ({@link PressureSummary}) — and the trajectory and saved parameters. A run that diverged or failed keeps what it
 * had measured so far; every group has its all-NaN {@code NONE} (or {@code unmeasured}) for what
 * it had not, and {@link #failed} / {@link #diverged} build a result with nothing measured.
 * {@code products} says which code ran the matrix products (OpenBLAS, or an ensemble's vector
 * kernel), since a run reproduces bit for bit only with the same.
 */
public record RunResult(
        String runId,
        RunSpec spec,
        String toolVersion,
        Ending ending,
        AlphaSummary alpha,
        Scores scores,
        WeightSpectra weights,
        PressureSummary pressure,
        List<TrajectoryPoint> trajectory,
        List<ParamSnapshot> params,
        Products products) {

    public RunResult {
        Objects.requireNonNull(products, "products");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(alpha, "alpha");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(pressure, "pressure");
        trajectory = List.copyOf(trajectory);
        params = List.copyOf(params);
    }

    /** A result whose products ran on OpenBLAS (every solo run, and every result not from a network). */
    public RunResult(String runId, RunSpec spec, String toolVersion, Ending ending, AlphaSummary alpha, Scores scores,
                     WeightSpectra weights, PressureSummary pressure, List<TrajectoryPoint> trajectory,
                     List<ParamSnapshot> params) {
        this(runId, spec, toolVersion, ending, alpha, scores, weights, pressure, trajectory, params, Products.BLAS);
    }

    /** A FAILED run with nothing measured: no trajectory, no parameters, alpha only at its start. */
    public static RunResult failed(String runId, RunSpec spec, String toolVersion, String message, double seconds) {
        return unmeasured(runId, spec, toolVersion, Ending.failed(message, seconds));
    }

    /** A DIVERGED run with nothing measured (a trainer that keeps a partial record builds its own). */
    public static RunResult diverged(String runId, RunSpec spec, String toolVersion, String message, int iterations,
                                     double seconds) {
        return unmeasured(runId, spec, toolVersion, new Ending(RunStatus.DIVERGED, message, "diverged", iterations, seconds));
    }

    /** A run that ended as {@code ending} before measuring anything. */
    public static RunResult unmeasured(String runId, RunSpec spec, String toolVersion, Ending ending) {
        return new RunResult(runId, spec, toolVersion, ending, AlphaSummary.unmeasured(spec.alpha().init()), Scores.NONE,
                WeightSpectra.NONE, PressureSummary.NONE, List.of(), List.of());
    }

    /** How a run ended: its status and why, what stopped training, the iterations done, wall-clock seconds. */
    public record Ending(RunStatus status, String message, String stopReason, int iterations, double seconds) {
        public Ending {
            Objects.requireNonNull(status, "status");
            message = message == null ? "" : message;
        }

        public static Ending failed(String message, double seconds) {
            return new Ending(RunStatus.FAILED, message, "failed", 0, seconds);
        }

        public Ending withSeconds(double newSeconds) {
            return new Ending(status, message, stopReason, iterations, newSeconds);
        }
    }

    /**
     * Alpha: where it started, its mean at the end, the extremes of the mean over training (at
     * the evaluations), the final means over E and I presynaptic neurons, and every neuron's final
     * alpha (one value at network granularity).
     */
    public record AlphaSummary(double init, double finalMean, double min, double max, double finalE, double finalI,
                               List<Double> neurons) {
        public AlphaSummary {
            neurons = List.copyOf(neurons);
        }

        /** Alpha known only at its start. */
        public static AlphaSummary unmeasured(double init) {
            double nan = Double.NaN;
            return new AlphaSummary(init, nan, nan, nan, nan, nan, List.of());
        }

        /** How far training moved alpha: final − init (NaN when the end was not measured). */
        public double delta() {
            return finalMean - init;
        }
    }

    /**
     * Held-out figures at the last evaluation: total loss, task loss (no regularisers), the score
     * on the test split ({@code accuracy}: percent correct as a fraction, R² for continuous targets)
     * and the last score on the validation split.
     */
    public record Scores(double finalLoss, double finalTaskLoss, double accuracy, double valAccuracy) {
        public static final Scores NONE = new Scores(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * W_rec at one moment: spectral radius, normalised SVD entropy, fraction of single-signed
     * columns, and its wrong-sign mass under the network's E/I split (what {@code loss.mixed_cost}
     * charges for).
     */
    public record Spectrum(double spectralRadius, double svdEntropy, double daleness, double wrongSignMass) {
        public static final Spectrum NONE = new Spectrum(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * W_rec's spectrum at initialisation and at the end, with the Frobenius norms of the two
     * contributions {@code alpha·W_dale} and {@code (1−alpha)·W_free} at the end, and W_free's own
     * wrong-sign mass at the end (for a frozen alpha = 1 run: as initialised).
     */
    public record WeightSpectra(Spectrum init, Spectrum end, double daleNorm, double freeNorm, double freeWrongSignMass) {
        public static final WeightSpectra NONE = new WeightSpectra(Spectrum.NONE, Spectrum.NONE, Double.NaN, Double.NaN,
                Double.NaN);

        public WeightSpectra {
            Objects.requireNonNull(init, "init");
            Objects.requireNonNull(end, "end");
        }
    }
}
