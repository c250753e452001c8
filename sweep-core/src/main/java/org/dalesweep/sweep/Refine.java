package org.dalesweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dalesweep.spec.Checks;

/**
 * A sweep file's {@code refine:} block (DESIGN §5.4): per grid point and arm, find the value of
 * one numeric run-spec key ({@code axis}, e.g. {@code loss.mixed_cost}) at which the fraction of
 * runs satisfying {@code until} (a per-run Spark SQL predicate over {@code runs}) crosses one half,
 * searching {@code [low, high]} on a log or linear scale until the bracket is {@code tolerance}
 * narrow (relative on a log axis, a fraction of the range on a linear one) or {@code maxRounds}
 * rounds have run, with {@code seedsPerPoint} seeds at each probed value.
 *
 * <p>{@code at} (dotted run-spec key → value, empty by default) is set on every grid point before
 * its search: the searches then run at those settings, and grid points that become the same spec
 * share one search. So a study can price Dale per task × tau_ratio × connectivity at one alpha
 * initialisation and the task loss alone while its grid crosses more factors.
 */
public record Refine(String axis, double low, double high, Scale scale, String until, double tolerance,
                     int seedsPerPoint, int maxRounds, Map<String, JsonNode> at) {

    /** Values probed in the first round (the coarse grid); on a log axis from 0: 0 and four decades. */
    public static final int COARSE_POINTS = 5;
    /** Decades below {@code high} the first round reaches on a log axis whose range starts at 0. */
    public static final int DECADES_FROM_ZERO = 4;

    /** How probes are spaced. */
    public enum Scale {
        LOG, LINEAR;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Refine {
        at = at == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(at));
        Checks c = new Checks("refine")
                .notNull("axis", axis)
                .notNull("scale", scale)
                .notNull("until", until)
                .positive("tolerance", tolerance)
                .positive("seeds_per_point", seedsPerPoint)
                .positive("max_rounds", maxRounds);
        c.require(Double.isFinite(low) && Double.isFinite(high) && low < high, "range", List.of(low, high),
                "must be [low, high] with low < high");
        c.require(scale != Scale.LOG || low >= 0, "range", List.of(low, high), "a log scale needs low >= 0");
        c.require(!at.containsKey(axis == null ? "" : axis), "at", axis, "must not set the axis it searches");
        c.done();
    }

    /** A block without {@code at}: every grid point is searched as it is. */
    public Refine(String axis, double low, double high, Scale scale, String until, double tolerance,
                  int seedsPerPoint, int maxRounds) {
        this(axis, low, high, scale, until, tolerance, seedsPerPoint, maxRounds, Map.of());
    }

    /** The first round's values: log-spaced from low (or, from 0: 0 and the decades below high), or evenly spaced. */
    public List<Double> coarseValues() {
        List<Double> values = new ArrayList<>();
        if (scale == Scale.LINEAR) {
            for (int i = 0; i < COARSE_POINTS; i++) {
                values.add(low + (high - low) * i / (COARSE_POINTS - 1));
            }
        } else if (low == 0) {
            values.add(0.0);
            for (int k = DECADES_FROM_ZERO - 1; k >= 0; k--) {
                values.add(high / Math.pow(10, k));
            }
        } else {
            double step = Math.log(high / low) / (COARSE_POINTS - 1);
            for (int i = 0; i < COARSE_POINTS; i++) {
                values.add(i == COARSE_POINTS - 1 ? high : low * Math.exp(step * i));
            }
        }
        return values;
    }

    /** The probe between two bracketing values: the geometric mean on a log axis (a tenth of hi from 0), else the midpoint. */
    public double between(double lo, double hi) {
        if (scale == Scale.LINEAR) {
            return (lo + hi) / 2;
        }
        return lo <= 0 ? hi / 10 : Math.sqrt(lo * hi);
    }

    /** True when the bracket [lo, hi] is narrow enough to stop. */
    public boolean narrow(double lo, double hi) {
        if (scale == Scale.LINEAR) {
            return (hi - lo) <= tolerance * (high - low);
        }
        return lo > 0 && hi / lo - 1 <= tolerance;
    }
}
