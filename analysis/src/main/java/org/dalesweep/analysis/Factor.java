package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One factor of a sweep: a name, the SQL expression over {@code runs} that gives a run's level as
 * a string ({@link #NOT_APPLICABLE} where the factor does not apply, e.g. a task parameter on
 * another task), and the ordering of its levels (numeric when every level is a number).
 */
public record Factor(String name, String expression) {

    /** The level of a run to which the factor does not apply (a null spec column). */
    public static final String NOT_APPLICABLE = "n/a";

    public Factor {
        if (name == null || name.isBlank() || expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a factor needs a name and an expression, got name=" + name
                    + " expression=" + expression);
        }
    }

    /** A factor that is one column, its value cast to a string. */
    public static Factor column(String column) {
        return new Factor(column, "coalesce(cast(`" + column + "` as string), '" + NOT_APPLICABLE + "')");
    }

    /** The column name used for this factor's level in derived tables. */
    public String alias() {
        return "f_" + name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * Levels in display order: numerically when all applicable levels are numbers, else
     * alphabetically; {@link #NOT_APPLICABLE} last.
     */
    public static List<String> ordered(List<String> levels) {
        List<String> out = new ArrayList<>(levels);
        boolean numeric = out.stream().filter(l -> !l.equals(NOT_APPLICABLE)).allMatch(Factor::isNumber);
        Comparator<String> byValue = numeric ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder();
        out.sort(Comparator.comparing((String l) -> l.equals(NOT_APPLICABLE)).thenComparing(
                (a, b) -> a.equals(NOT_APPLICABLE) || b.equals(NOT_APPLICABLE) ? 0 : byValue.compare(a, b)));
        return out;
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
