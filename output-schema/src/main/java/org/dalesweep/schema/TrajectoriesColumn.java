package org.dalesweep.schema;

import static org.dalesweep.schema.ColumnType.DOUBLE;
import static org.dalesweep.schema.ColumnType.INT32;
import static org.dalesweep.schema.ColumnType.STRING;
import static org.dalesweep.schema.Role.IDENTITY;
import static org.dalesweep.schema.Role.OUTCOME;

import java.util.Locale;

/**
 * The columns of {@code trajectories}, one row per run and held-out evaluation, in the order of
 * the file. The pressure columns summarise the training steps since the previous evaluation (the
 * window); pressure is −∂L/∂alpha, the signed gradient of the training loss with respect to alpha
 * before any optimiser or clipping, positive toward Dale (alpha up).
 */
public enum TrajectoriesColumn implements Column.Constant {
    RUN_ID(STRING, IDENTITY, false, "the run (join with `runs`)"),
    ITERATION(INT32, IDENTITY, false, "training iteration of the evaluation"),
    SECONDS(DOUBLE, OUTCOME, true, "seconds since the run started"),
    ALPHA_MEAN(DOUBLE, OUTCOME, true, "mean alpha over neurons"),
    ALPHA_MIN(DOUBLE, OUTCOME, true, "lowest alpha over neurons (the mean at network granularity)"),
    ALPHA_MAX(DOUBLE, OUTCOME, true, "highest alpha over neurons (the mean at network granularity)"),
    TRAIN_LOSS(DOUBLE, OUTCOME, true, "loss of the last training batch"),
    EVAL_LOSS(DOUBLE, OUTCOME, true, "held-out total loss"),
    EVAL_TASK_LOSS(DOUBLE, OUTCOME, true, "held-out task loss (no regularisers)"),
    ACCURACY(DOUBLE, OUTCOME, true, "held-out score"),
    GRAD_NORM(DOUBLE, OUTCOME, true, "global gradient norm of the last step, before clipping"),
    ALPHA_GRAD_NORM(DOUBLE, OUTCOME, true, "norm of alpha's own gradient at the last step"),
    PRESSURE_MEAN(DOUBLE, OUTCOME, true, "mean pressure −∂L/∂alpha over the window's training steps"),
    PRESSURE_SE(DOUBLE, OUTCOME, true, "standard error of the window's mean pressure"),
    PRESSURE_TASK_MEAN(DOUBLE, OUTCOME, true, "the task loss's part of the window's mean pressure"),
    PRESSURE_REG_MEAN(DOUBLE, OUTCOME, true, "the regularisers' part of the window's mean pressure"),
    PRESSURE_FRAC_DALE(DOUBLE, OUTCOME, true, "fraction of the window's training steps with pressure > 0"),
    PRESSURE_E_MEAN(DOUBLE, OUTCOME, true,
            "at neuron granularity, the window's mean pressure averaged over excitatory presynaptic columns"),
    PRESSURE_I_MEAN(DOUBLE, OUTCOME, true,
            "at neuron granularity, the window's mean pressure averaged over inhibitory presynaptic columns"),
    ;

    private final Column declared;

    TrajectoriesColumn(ColumnType type, Role role, boolean nullable, String meaning) {
        declared = Column.of(name().toLowerCase(Locale.ROOT), type, role, nullable, meaning);
    }

    @Override
    public Column declared() {
        return declared;
    }
}
