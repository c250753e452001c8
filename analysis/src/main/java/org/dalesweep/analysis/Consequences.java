package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Which of several varied columns are factors of their own: a column whose value another column
 * determines among the rows (rho0 and the loss kind chosen per task; p_ei, p_ie and p_ii moving
 * with p_ee when connectivity is one factor of four probabilities) is a consequence, not a factor.
 * Reports name conditions, and tests compare them, by the factors only, so that one split is not
 * counted several times.
 */
final class Consequences {

    private Consequences() {
    }

    /**
     * The columns less those another kept column determines among the rows (read by name). Later
     * columns are dropped first, so of columns that determine each other the first one stays.
     */
    static List<String> independent(List<String> varying, List<Row> rows) {
        List<String> kept = new ArrayList<>(varying);
        for (int i = varying.size() - 1; i >= 0; i--) {
            String c = varying.get(i);
            for (String d : kept) {
                if (!d.equals(c) && determines(rows, d, c)) {
                    kept.remove(c);
                    break;
                }
            }
        }
        return kept;
    }

    private static boolean determines(List<Row> rows, String d, String c) {
        Map<String, String> seen = new HashMap<>();
        for (Row r : rows) {
            String key = String.valueOf((Object) r.getAs(d));
            String value = String.valueOf((Object) r.getAs(c));
            String before = seen.putIfAbsent(key, value);
            if (before != null && !before.equals(value)) {
                return false;
            }
        }
        return true;
    }

}
