package org.dalesweep.schema;

import static org.dalesweep.schema.ColumnType.BOOLEAN;
import static org.dalesweep.schema.ColumnType.DOUBLE;
import static org.dalesweep.schema.ColumnType.DOUBLE_LIST;
import static org.dalesweep.schema.ColumnType.INT32;
import static org.dalesweep.schema.ColumnType.STRING;
import static org.dalesweep.schema.Role.IDENTITY;
import static org.dalesweep.schema.Role.OUTCOME;
import static org.dalesweep.schema.Role.PROVENANCE;

import java.util.Locale;

/**
 * The columns of {@code runs} other than the spec's, in the order of the file: the identity
 * columns, then the spec columns ({@link SpecColumn} and the task's parameters, in the order
 * {@code SpecCodec.flatten} gives them), then outcomes and provenance. The column's name is the
 * constant's in lower case. Adding an outcome column is a constant here plus its value in the
 * writer ({@code RowValues} in spark-driver); nothing else names it.
 */
public enum RunsColumn implements Column.Constant {
    RUN_ID(STRING, IDENTITY, false,
            "16 hex digits of SHA-256 over the run's canonical resolved spec (seed included; `spec_json`): the same spec"
                    + " has the same id on every machine, and a key added to the spec later keeps the ids of runs at its"
                    + " default; a file task's id hashes `task_sha256`, not `task_path`, so the same trials elsewhere"
                    + " keep it"),
    SWEEP(STRING, IDENTITY, false, "the sweep's name (`sweep:` in the file)"),
    TASK_NAME(STRING, IDENTITY, false,
            "the task's name, kept inside the file for readers that ignore partition directories (the same as `task`)"),
    ARM(STRING, IDENTITY, false,
            "which arm of the study the run is in, from its spec: `learned` (alpha trains, W_dale sign-constrained),"
                    + " `frozen` (the control: alpha.trainable false) or `twin` (the unconstrained twin: alpha trains,"
                    + " network.dale_map none)"),

    STATUS(STRING, OUTCOME, false, "`COMPLETED`, `DIVERGED` or `FAILED`"),
    MESSAGE(STRING, OUTCOME, false, "why a run diverged or failed (empty when completed)"),
    STOP_REASON(STRING, OUTCOME, true,
            "what ended training: `iterations`, `target_accuracy`, `budget`, `settled`, `diverged`, `failed`"),
    ITERATIONS(INT32, OUTCOME, true, "training iterations done"),
    SECONDS(DOUBLE, OUTCOME, true, "wall-clock seconds of the run"),
    ALPHA_FINAL(DOUBLE, OUTCOME, true, "mean alpha at the end"),
    ALPHA_DELTA(DOUBLE, OUTCOME, true, "alpha_final − alpha_init: how far training moved alpha"),
    ALPHA_MIN(DOUBLE, OUTCOME, true, "the lowest mean alpha over training (at the evaluations)"),
    ALPHA_MAX(DOUBLE, OUTCOME, true, "the highest mean alpha over training (at the evaluations)"),
    ALPHA_FINAL_E(DOUBLE, OUTCOME, true, "final mean alpha over excitatory presynaptic neurons"),
    ALPHA_FINAL_I(DOUBLE, OUTCOME, true, "final mean alpha over inhibitory presynaptic neurons"),
    ALPHA_NEURONS(DOUBLE_LIST, OUTCOME, true,
            "final alpha of every presynaptic neuron (one value at network granularity)"),
    FINAL_LOSS(DOUBLE, OUTCOME, true, "held-out total loss at the last evaluation"),
    FINAL_TASK_LOSS(DOUBLE, OUTCOME, true, "held-out task loss (no regularisers) at the last evaluation"),
    ACCURACY(DOUBLE, OUTCOME, true,
            "held-out score on the test split at the last evaluation: percent correct as a fraction (R² for"
                    + " continuous targets)"),
    VAL_ACCURACY(DOUBLE, OUTCOME, true,
            "the last held-out score on the validation split (the test-set score is `accuracy`)"),
    DALE_NORM(DOUBLE, OUTCOME, true, "Frobenius norm of alpha·W_dale at the end"),
    FREE_NORM(DOUBLE, OUTCOME, true, "Frobenius norm of (1−alpha)·W_free at the end"),
    SPECTRAL_RADIUS_INIT(DOUBLE, OUTCOME, true, "spectral radius of W_rec at initialisation"),
    SPECTRAL_RADIUS_FINAL(DOUBLE, OUTCOME, true, "spectral radius of W_rec at the end"),
    SVD_ENTROPY_INIT(DOUBLE, OUTCOME, true, "normalised SVD entropy of W_rec at initialisation"),
    SVD_ENTROPY_FINAL(DOUBLE, OUTCOME, true, "normalised SVD entropy of W_rec at the end"),
    DALENESS_INIT(DOUBLE, OUTCOME, true, "fraction of W_rec's columns that are single-signed, at initialisation"),
    DALENESS_FINAL(DOUBLE, OUTCOME, true, "fraction of W_rec's columns that are single-signed, at the end"),
    WRONG_SIGN_MASS_INIT(DOUBLE, OUTCOME, true, "wrong-sign mass Σ_ij max(0, −s_j·W_rec[i,j]) of W_rec under the network's"
            + " E/I split (s_j = +1 E, −1 I), at initialisation: what `loss.mixed_cost` charges for"),
    WRONG_SIGN_MASS_FINAL(DOUBLE, OUTCOME, true, "wrong-sign mass of W_rec under the network's E/I split, at the end (0:"
            + " W_rec obeys Dale's law with that split, whatever alpha)"),
    FREE_WRONG_SIGN_MASS_FINAL(DOUBLE, OUTCOME, true, "wrong-sign mass of W_free = M⊙F alone, at the end (a frozen"
            + " alpha = 1 run: as initialised); the mean slope of the wrong-sign mass along alpha from 0 to 1"),
    PRESSURE_MEAN(DOUBLE, OUTCOME, true,
            "mean over training steps of the pressure −∂L/∂alpha: the signed gradient of the training loss with respect"
                    + " to alpha before any optimiser or clipping; positive pushes toward Dale (alpha up)"),
    PRESSURE_T(DOUBLE, OUTCOME, true,
            "the whole run's mean pressure over its standard error, the standard error from batch means"
                    + " (autocorrelation-robust)"),
    PRESSURE_FRAC_DALE(DOUBLE, OUTCOME, true, "fraction of training steps with pressure > 0"),
    PRESSURE_LATE_MEAN(DOUBLE, OUTCOME, true, "mean pressure over the last quarter of training steps"),
    PRESSURE_LATE_T(DOUBLE, OUTCOME, true,
            "mean pressure over the last quarter of training steps over its standard error (batch means)"),
    TRAJECTORY_POINTS(INT32, OUTCOME, true, "rows of this run in `trajectories/`"),

    TOOL_VERSION(STRING, PROVENANCE, false, "dalesweep version that trained the run"),
    GIT_COMMIT(STRING, PROVENANCE, false,
            "the git commit (full hash) the trainer was built from, captured at build time; `unknown` for a build"
                    + " without git"),
    GIT_DIRTY(BOOLEAN, PROVENANCE, true,
            "whether that build's tree had uncommitted changes (then the commit alone does not name the code);"
                    + " null when unknown"),
    JAVA_VERSION(STRING, PROVENANCE, false, "`java.version` of the JVM that trained the run"),
    OS_ARCH(STRING, PROVENANCE, false, "`os.arch` of the machine that trained the run"),
    CPU_MODEL(STRING, PROVENANCE, false,
            "the CPU model of the machine that trained the run (`model name` in /proc/cpuinfo; `unknown` elsewhere)"),
    BLAS_LIBRARY(STRING, PROVENANCE, false,
            "the library that did the products (`cblas_sgemm`): its file name and the first 16 hex digits of its"
                    + " SHA-256, e.g. `libopenblas_nolapack.so.0 sha256:…` (the OpenBLAS ND4J ships) or Debian's"
                    + " `libopenblasp-r0.3.21.so` with `DALESWEEP_OPENBLAS=system`, plus `OPENBLAS_CORETYPE=…` when"
                    + " that forces the kernels; a run reproduces bit for bit only with the same library and kernels;"
                    + " `unknown` without /proc/self/maps. A run of an ensemble whose products ran on the vector"
                    + " kernel (`run --ensemble K`, K >= 2, up to 512 units) starts with `VectorGemm 512-bit + `"
                    + " (`256-bit`, up to 64 units, on a CPU without AVX-512; the same numbers either way)"),
    SPEC_JSON(STRING, PROVENANCE, false,
            "the canonical resolved spec as JSON, the text the run id hashes (keys added after the id scheme was fixed"
                    + " are left out at their defaults; a file task's `task.path` is stored but not hashed): `dalesweep"
                    + " train` reproduces the run exactly from it"),
    ;

    private final Column declared;

    RunsColumn(ColumnType type, Role role, boolean nullable, String meaning) {
        declared = Column.of(name().toLowerCase(Locale.ROOT), type, role, nullable, meaning);
    }

    @Override
    public Column declared() {
        return declared;
    }

    /** The declared column of that name, if any. */
    public static java.util.Optional<RunsColumn> named(String name) {
        for (RunsColumn c : values()) {
            if (c.columnName().equals(name)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
