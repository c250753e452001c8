package org.dalesweep.spark;

import static org.dalesweep.schema.RunsColumn.ACCURACY;
import static org.dalesweep.schema.RunsColumn.ALPHA_DELTA;
import static org.dalesweep.schema.RunsColumn.ALPHA_FINAL;
import static org.dalesweep.schema.RunsColumn.ALPHA_FINAL_E;
import static org.dalesweep.schema.RunsColumn.ALPHA_FINAL_I;
import static org.dalesweep.schema.RunsColumn.ALPHA_MAX;
import static org.dalesweep.schema.RunsColumn.ALPHA_MIN;
import static org.dalesweep.schema.RunsColumn.ALPHA_NEURONS;
import static org.dalesweep.schema.RunsColumn.ARM;
import static org.dalesweep.schema.RunsColumn.BLAS_LIBRARY;
import static org.dalesweep.schema.RunsColumn.CPU_MODEL;
import static org.dalesweep.schema.RunsColumn.GIT_COMMIT;
import static org.dalesweep.schema.RunsColumn.GIT_DIRTY;
import static org.dalesweep.schema.RunsColumn.JAVA_VERSION;
import static org.dalesweep.schema.RunsColumn.OS_ARCH;
import static org.dalesweep.schema.RunsColumn.DALENESS_FINAL;
import static org.dalesweep.schema.RunsColumn.DALENESS_INIT;
import static org.dalesweep.schema.RunsColumn.FREE_WRONG_SIGN_MASS_FINAL;
import static org.dalesweep.schema.RunsColumn.WRONG_SIGN_MASS_FINAL;
import static org.dalesweep.schema.RunsColumn.WRONG_SIGN_MASS_INIT;
import static org.dalesweep.schema.RunsColumn.DALE_NORM;
import static org.dalesweep.schema.RunsColumn.FINAL_LOSS;
import static org.dalesweep.schema.RunsColumn.FINAL_TASK_LOSS;
import static org.dalesweep.schema.RunsColumn.FREE_NORM;
import static org.dalesweep.schema.RunsColumn.ITERATIONS;
import static org.dalesweep.schema.RunsColumn.MESSAGE;
import static org.dalesweep.schema.RunsColumn.PRESSURE_FRAC_DALE;
import static org.dalesweep.schema.RunsColumn.PRESSURE_LATE_MEAN;
import static org.dalesweep.schema.RunsColumn.PRESSURE_LATE_T;
import static org.dalesweep.schema.RunsColumn.PRESSURE_MEAN;
import static org.dalesweep.schema.RunsColumn.PRESSURE_T;
import static org.dalesweep.schema.RunsColumn.RUN_ID;
import static org.dalesweep.schema.RunsColumn.SECONDS;
import static org.dalesweep.schema.RunsColumn.SPECTRAL_RADIUS_FINAL;
import static org.dalesweep.schema.RunsColumn.SPECTRAL_RADIUS_INIT;
import static org.dalesweep.schema.RunsColumn.SPEC_JSON;
import static org.dalesweep.schema.RunsColumn.STATUS;
import static org.dalesweep.schema.RunsColumn.STOP_REASON;
import static org.dalesweep.schema.RunsColumn.SVD_ENTROPY_FINAL;
import static org.dalesweep.schema.RunsColumn.SVD_ENTROPY_INIT;
import static org.dalesweep.schema.RunsColumn.SWEEP;
import static org.dalesweep.schema.RunsColumn.TASK_NAME;
import static org.dalesweep.schema.RunsColumn.TOOL_VERSION;
import static org.dalesweep.schema.RunsColumn.TRAJECTORY_POINTS;
import static org.dalesweep.schema.RunsColumn.VAL_ACCURACY;

import java.util.Arrays;
import org.dalesweep.BuildInfo;
import org.dalesweep.linalg.BlasLibrary;
import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.model.Products;
import org.dalesweep.schema.ParamsColumn;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.TrajectoriesColumn;
import org.dalesweep.train.ParamSnapshot;
import org.dalesweep.train.PressureSummary;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.TrajectoryPoint;

/**
 * How the writer computes each declared column (output-schema) from a run's result: the one place
 * a column's value is defined, keyed by its constant. The spec columns are not here: they are the
 * values of {@code SpecCodec.flatten}.
 */
final class RowValues {

    private RowValues() {
    }

    /** What a {@code runs} row is made of: the result and what the sweep adds to it. */
    record RunRow(RunResult result, String runId, String sweep, String specJson) {
        RunResult.Ending ending() {
            return result.ending();
        }

        RunResult.AlphaSummary alpha() {
            return result.alpha();
        }

        RunResult.Scores scores() {
            return result.scores();
        }

        RunResult.WeightSpectra weights() {
            return result.weights();
        }

        PressureSummary pressure() {
            return result.pressure();
        }
    }

    /** A trajectory point and its run. */
    record PointRow(String runId, TrajectoryPoint point) {
    }

    /** A saved tensor and its run. */
    record ParamRow(String runId, ParamSnapshot param) {
    }

    static final ColumnValues<RunsColumn, RunRow> RUNS = ColumnValues.<RunsColumn, RunRow>of(RunsColumn.class)
            .put(RUN_ID, RunRow::runId)
            .put(SWEEP, RunRow::sweep)
            .put(TASK_NAME, r -> r.result().spec().task().name())
            .put(ARM, r -> r.result().spec().arm().toString())
            .put(STATUS, r -> r.ending().status().name())
            .put(MESSAGE, r -> r.ending().message())
            .put(STOP_REASON, r -> r.ending().stopReason())
            .put(ITERATIONS, r -> r.ending().iterations())
            .put(SECONDS, r -> r.ending().seconds())
            .put(ALPHA_FINAL, r -> r.alpha().finalMean())
            .put(ALPHA_DELTA, r -> r.alpha().delta())
            .put(ALPHA_MIN, r -> r.alpha().min())
            .put(ALPHA_MAX, r -> r.alpha().max())
            .put(ALPHA_FINAL_E, r -> r.alpha().finalE())
            .put(ALPHA_FINAL_I, r -> r.alpha().finalI())
            .put(ALPHA_NEURONS, r -> r.alpha().neurons())
            .put(FINAL_LOSS, r -> r.scores().finalLoss())
            .put(FINAL_TASK_LOSS, r -> r.scores().finalTaskLoss())
            .put(ACCURACY, r -> r.scores().accuracy())
            .put(VAL_ACCURACY, r -> r.scores().valAccuracy())
            .put(DALE_NORM, r -> r.weights().daleNorm())
            .put(FREE_NORM, r -> r.weights().freeNorm())
            .put(SPECTRAL_RADIUS_INIT, r -> r.weights().init().spectralRadius())
            .put(SPECTRAL_RADIUS_FINAL, r -> r.weights().end().spectralRadius())
            .put(SVD_ENTROPY_INIT, r -> r.weights().init().svdEntropy())
            .put(SVD_ENTROPY_FINAL, r -> r.weights().end().svdEntropy())
            .put(DALENESS_INIT, r -> r.weights().init().daleness())
            .put(DALENESS_FINAL, r -> r.weights().end().daleness())
            .put(WRONG_SIGN_MASS_INIT, r -> r.weights().init().wrongSignMass())
            .put(WRONG_SIGN_MASS_FINAL, r -> r.weights().end().wrongSignMass())
            .put(FREE_WRONG_SIGN_MASS_FINAL, r -> r.weights().freeWrongSignMass())
            .put(PRESSURE_MEAN, r -> r.pressure().mean())
            .put(PRESSURE_T, r -> r.pressure().t())
            .put(PRESSURE_FRAC_DALE, r -> r.pressure().fracDale())
            .put(PRESSURE_LATE_MEAN, r -> r.pressure().lateMean())
            .put(PRESSURE_LATE_T, r -> r.pressure().lateT())
            .put(TRAJECTORY_POINTS, r -> r.result().trajectory().size())
            .put(TOOL_VERSION, r -> r.result().toolVersion() == null ? "unknown" : r.result().toolVersion())
            .put(GIT_COMMIT, r -> BuildInfo.gitCommit())
            .put(GIT_DIRTY, r -> BuildInfo.gitDirty())
            .put(JAVA_VERSION, r -> BuildInfo.javaVersion())
            .put(OS_ARCH, r -> BuildInfo.osArch())
            .put(CPU_MODEL, r -> BuildInfo.cpuModel())
            .put(BLAS_LIBRARY, r -> r.result().products() == Products.VECTOR
                    ? VectorGemm.NAME + " + " + BlasLibrary.identity() : BlasLibrary.identity())
            .put(SPEC_JSON, RunRow::specJson)
            .build();

    static final ColumnValues<TrajectoriesColumn, PointRow> TRAJECTORIES =
            ColumnValues.<TrajectoriesColumn, PointRow>of(TrajectoriesColumn.class)
                    .put(TrajectoriesColumn.RUN_ID, PointRow::runId)
                    .put(TrajectoriesColumn.ITERATION, p -> p.point().iteration())
                    .put(TrajectoriesColumn.SECONDS, p -> p.point().seconds())
                    .put(TrajectoriesColumn.ALPHA_MEAN, p -> p.point().alphaMean())
                    .put(TrajectoriesColumn.ALPHA_MIN, p -> p.point().alphaMin())
                    .put(TrajectoriesColumn.ALPHA_MAX, p -> p.point().alphaMax())
                    .put(TrajectoriesColumn.TRAIN_LOSS, p -> p.point().trainLoss())
                    .put(TrajectoriesColumn.EVAL_LOSS, p -> p.point().evalLoss())
                    .put(TrajectoriesColumn.EVAL_TASK_LOSS, p -> p.point().evalTaskLoss())
                    .put(TrajectoriesColumn.ACCURACY, p -> p.point().accuracy())
                    .put(TrajectoriesColumn.GRAD_NORM, p -> p.point().gradNorm())
                    .put(TrajectoriesColumn.ALPHA_GRAD_NORM, p -> p.point().alphaGradNorm())
                    .put(TrajectoriesColumn.PRESSURE_MEAN, p -> p.point().pressure().mean())
                    .put(TrajectoriesColumn.PRESSURE_SE, p -> p.point().pressure().se())
                    .put(TrajectoriesColumn.PRESSURE_TASK_MEAN, p -> p.point().pressure().taskMean())
                    .put(TrajectoriesColumn.PRESSURE_REG_MEAN, p -> p.point().pressure().regMean())
                    .put(TrajectoriesColumn.PRESSURE_FRAC_DALE, p -> p.point().pressure().fracDale())
                    .put(TrajectoriesColumn.PRESSURE_E_MEAN, p -> p.point().pressure().eMean())
                    .put(TrajectoriesColumn.PRESSURE_I_MEAN, p -> p.point().pressure().iMean())
                    .build();

    static final ColumnValues<ParamsColumn, ParamRow> PARAMS = ColumnValues.<ParamsColumn, ParamRow>of(ParamsColumn.class)
            .put(ParamsColumn.RUN_ID, ParamRow::runId)
            .put(ParamsColumn.STAGE, p -> p.param().stage())
            .put(ParamsColumn.NAME, p -> p.param().name())
            .put(ParamsColumn.ROWS, p -> p.param().rows())
            .put(ParamsColumn.COLS, p -> p.param().cols())
            .put(ParamsColumn.SHAPE, p -> p.param().rows() + "x" + p.param().cols())
            .put(ParamsColumn.VALUES, p -> Arrays.stream(p.param().values()).boxed().toList())
            .build();
}
