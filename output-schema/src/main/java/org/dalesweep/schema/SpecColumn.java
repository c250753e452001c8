package org.dalesweep.schema;

import static org.dalesweep.schema.ColumnType.BOOLEAN;
import static org.dalesweep.schema.ColumnType.DOUBLE;
import static org.dalesweep.schema.ColumnType.INT32;
import static org.dalesweep.schema.ColumnType.INT64;
import static org.dalesweep.schema.ColumnType.STRING;

import java.util.Locale;
import java.util.Optional;

/**
 * The spec columns of {@code runs}: every field of the resolved run spec, flattened (the spec's
 * YAML keys joined with {@code _}; network and connectivity fields bare; enums as their YAML
 * names), the values {@code SpecCodec.flatten} gives. A task's own parameters are the dynamic
 * part: {@code task_<param>}, typed by their defaults, null for the runs of tasks without them
 * ({@link #isTaskParameter}). The writer refuses a flat spec field not declared here, and a test
 * checks the types against the spec's own. {@code task} is the partition column: it lives in
 * the path ({@code runs/task=<name>/}), not in the file, which keeps it as {@code task_name}.
 */
public enum SpecColumn implements Column.Constant {
    SEED(INT64, "the replicate seed: initialisation, mask, trials and noise all derive from it (part of the run id)"),
    TASK(STRING, "the task's name: the partition column, from the `task=<name>` directory"),

    UNITS(INT32, "network size N; the first round(e_fraction·N) units are excitatory"),
    E_FRACTION(DOUBLE, "fraction of excitatory units"),
    TAU_E_MS(DOUBLE, "excitatory time constant tau_E, ms"),
    TAU_RATIO(DOUBLE, "tau_I / tau_E"),
    DT_MS(DOUBLE, "time step, ms (k = dt/tau per unit)"),
    SIGMA_REC(DOUBLE, "recurrent noise"),
    PHI(STRING, "rate nonlinearity: `relu`, `tanh`, `softplus`"),
    DALE_MAP(STRING, "positivity map f in W_dale = M ⊙ f(R)·D: `abs`, `relu`, `softplus`, or `none` (the twin's: no sign"
            + " constraint)"),
    DALE_INIT(STRING, "initialisation of W_dale: `gamma_balanced`, `gaussian_balanced`, `colei`"),
    RHO0(DOUBLE, "initial spectral radius"),
    FREE_INIT(STRING, "initialisation of W_free: `matched`, `independent`, `copy`"),
    INTEGRATOR(STRING, "how a step integrates the leak and the noise: `exact` or `euler`"),
    P_EE(DOUBLE, "connection probability E → E of the mask (postsynaptic type first)"),
    P_EI(DOUBLE, "connection probability I → E of the mask"),
    P_IE(DOUBLE, "connection probability E → I of the mask"),
    P_II(DOUBLE, "connection probability I → I of the mask"),
    AUTAPSES(BOOLEAN, "whether self-connections exist"),
    INPUT_SIGN(STRING, "input weights `nonneg` or `free`"),
    READOUT_FROM(STRING, "readout from `all` units or `excitatory` only"),

    ALPHA_INIT(DOUBLE, "initial alpha (the spec's `alpha.init`; for a frozen control its frozen value)"),
    ALPHA_PARAM(STRING, "`sigmoid` (alpha = σ(θ)) or `clip` (projected onto [0,1] after each step)"),
    ALPHA_TRAINABLE(BOOLEAN, "false for the frozen controls (alpha = 0 and alpha = 1)"),
    ALPHA_GRANULARITY(STRING, "`network` (one alpha) or `neuron` (one per presynaptic neuron)"),
    ALPHA_LEARNING_RATE(DOUBLE, "step size of alpha's own Adam"),
    ALPHA_GRAD_CLIP(DOUBLE, "norm clip of alpha's own gradient (0: none)"),

    LOSS_KIND(STRING, "`mse` or `cross_entropy`"),
    LOSS_RATE_L2(DOUBLE, "metabolic cost: coefficient of mean φ(v)²"),
    LOSS_WEIGHT_L2(DOUBLE, "coefficient of the L2 weight cost"),
    LOSS_WEIGHT_L2_ON(STRING, "what the L2 weight cost applies to: `effective` W_rec, or `separate` on W_dale and W_free"),
    LOSS_WEIGHT_L1(DOUBLE, "coefficient of the L1 cost on the effective W_rec"),
    LOSS_MIXED_COST(DOUBLE, "coefficient c of the wrong-sign mass of the effective W_rec, c·Σ_ij max(0, −s_j·W_rec[i,j])"
            + " (0: none); the price of Dale is the smallest c at which alpha goes to 1"),

    TRAINING_ITERATIONS(INT32, "training steps asked for"),
    TRAINING_BATCH_SIZE(INT32, "trials per step"),
    TRAINING_LEARNING_RATE(DOUBLE, "the weights' step size"),
    TRAINING_ADAM_BETA1(DOUBLE, "Adam's beta1 (the weights' and alpha's)"),
    TRAINING_ADAM_BETA2(DOUBLE, "Adam's beta2"),
    TRAINING_ADAM_EPS(DOUBLE, "Adam's epsilon"),
    TRAINING_GRAD_CLIP(DOUBLE, "global-norm clipping of the weights' gradient (0: none)"),
    TRAINING_EVAL_EVERY(INT32, "iterations between held-out evaluations"),
    TRAINING_EVAL_BATCH(INT32, "held-out trials per evaluation"),
    TRAINING_TARGET_ACCURACY(DOUBLE, "held-out accuracy at which training stops (0: off)"),
    TRAINING_BUDGET_S(DOUBLE, "wall-clock budget in seconds (0: none)"),
    TRAINING_DIVERGE_LOSS(DOUBLE, "a loss above this (or NaN) ends the run as DIVERGED"),
    TRAINING_OPTIMIZER(STRING, "the weights' optimiser: `adam` or `sgd`"),
    TRAINING_MOMENTUM(DOUBLE, "SGD's momentum"),
    TRAINING_STOP_WHEN_SETTLED(BOOLEAN, "stop once alpha and the held-out loss have settled"),
    TRAINING_SETTLE_WINDOW(INT32, "evaluations over which settling is judged"),
    ;

    /**
     * The column of a dotted run-spec key ({@code loss.mixed_cost} → {@code loss_mixed_cost},
     * {@code network.tau_ratio} → {@code tau_ratio}, {@code task.name} → {@code task}): the spec's
     * keys joined with {@code _}, network and connectivity fields bare.
     */
    public static String ofKey(String dotted) {
        String p = dotted.replace('.', '_');
        if (p.equals("task_name")) {
            return "task";
        }
        return p.replaceFirst("^network_connectivity_", "").replaceFirst("^network_", "");
    }

    /** The prefix of a task parameter's column. */
    public static final String TASK_PARAMETER_PREFIX = "task_";

    private final Column declared;

    /** Spec columns are optional in the file: a column one task lacks is null for its runs. */
    SpecColumn(ColumnType type, String meaning) {
        declared = Column.of(name().toLowerCase(Locale.ROOT), type, Role.SPEC, true, meaning);
    }

    @Override
    public Column declared() {
        return declared;
    }

    public static Optional<SpecColumn> named(String name) {
        for (SpecColumn c : values()) {
            if (c.columnName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A task's own parameter ({@code task_<param>}); {@code task_name} is the task's name, not a parameter. */
    public static boolean isTaskParameter(String column) {
        return column.startsWith(TASK_PARAMETER_PREFIX) && !column.equals(RunsColumn.TASK_NAME.columnName());
    }

    /** The column of task parameter {@code key}, a spec column typed by its default. */
    public static Column taskParameter(String key, ColumnType type, String meaning) {
        return Column.of(TASK_PARAMETER_PREFIX + key, type, Role.SPEC, true, meaning);
    }
}
