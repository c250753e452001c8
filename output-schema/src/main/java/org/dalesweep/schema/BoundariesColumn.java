package org.dalesweep.schema;

import static org.dalesweep.schema.ColumnType.DOUBLE;
import static org.dalesweep.schema.ColumnType.INT32;
import static org.dalesweep.schema.ColumnType.STRING;
import static org.dalesweep.schema.Role.IDENTITY;
import static org.dalesweep.schema.Role.OUTCOME;

import java.util.Locale;

/**
 * The columns of {@code boundaries} ({@code dalesweep refine}, DESIGN §5.4) other than the grid
 * point's: one row per grid point and arm, where the fraction of runs satisfying the refine's
 * {@code until} crosses one half along its axis. The grid point's conditions follow as spec
 * columns ({@link SpecColumn} and task parameters, as in {@code runs}), the axis's own column and
 * {@code seed} left out.
 */
public enum BoundariesColumn implements Column.Constant {
    AXIS(STRING, IDENTITY, false, "the run-spec key searched (`refine.axis`), e.g. `loss.mixed_cost`"),
    ARM(STRING, IDENTITY, false, "`learned` or `twin` (the same search on the unconstrained twin)"),
    UNTIL(STRING, IDENTITY, false, "the per-run predicate whose boundary this is (`refine.until`)"),
    SCALE(STRING, IDENTITY, false, "`log` or `linear` (`refine.scale`): how probes were spaced and the axis the curve is"
            + " fitted on"),
    BASE_VALUE(DOUBLE, IDENTITY, false, "the axis value of the sweep's own grid runs (its base setting); the report's"
            + " other sections read only the runs at it"),
    ESTIMATE(DOUBLE, OUTCOME, true, "the axis value where P(until) = 1/2 from a logistic curve over every probe of the"
            + " point (maximum profile likelihood; on a log axis the curve is in log10 of the value); null when censored"
            + " — for `loss.mixed_cost` with `until: alpha_final >= 0.9`, the price of Dale"),
    CI_LOW(DOUBLE, OUTCOME, true, "lower end of the estimate's 95 % profile-likelihood interval"),
    CI_HIGH(DOUBLE, OUTCOME, true, "upper end of the estimate's 95 % profile-likelihood interval"),
    BRACKET_LOW(DOUBLE, OUTCOME, true, "the largest probed value below `bracket_high` (P(until) < 1/2 there); null"
            + " when censored below"),
    BRACKET_HIGH(DOUBLE, OUTCOME, true, "the smallest probed value with P(until) ≥ 1/2; null when censored above"),
    N_RUNS(INT32, OUTCOME, false, "completed probe runs of the point (every value, every seed)"),
    ROUNDS(INT32, OUTCOME, false, "refine rounds that probed the point"),
    CENSORED(STRING, OUTCOME, true, "`below` when even the lowest probed value satisfies `until`, `above` when the"
            + " highest does not; null when the boundary is bracketed"),
    ;

    /**
     * The table's folder under the output. Not one of {@link Table}'s run tables: it is derived from
     * {@code runs} and rewritten whole by every refine, so resume, quarantine and compaction leave it out
     * (a refine run again writes it again).
     */
    public static final String DIR = "boundaries";

    /** The declared columns, in file order (the grid point's spec columns follow them). */
    public static java.util.List<Column> columns() {
        return java.util.List.of(values());
    }

    private final Column declared;

    BoundariesColumn(ColumnType type, Role role, boolean nullable, String meaning) {
        declared = Column.of(name().toLowerCase(Locale.ROOT), type, role, nullable, meaning);
    }

    @Override
    public Column declared() {
        return declared;
    }
}
