package org.dalesweep.analysis;

import java.util.Locale;

/** Number formatting for report tables: fixed decimals, "—" for a missing value. */
final class Format {

    static final String MISSING = "—";

    private Format() {
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : MISSING;
    }

    static String fraction(double v) {
        return num(v, 2);
    }

    /** Mean with its interval, "0.62 [0.55, 0.69]". */
    static String withInterval(double mean, double low, double high) {
        if (!Double.isFinite(mean)) {
            return MISSING;
        }
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return num(mean, 3);
        }
        return num(mean, 3) + " [" + num(low, 3) + ", " + num(high, 3) + "]";
    }

    /** Three significant digits (pressures span orders of magnitude): "0.0123", "-4.56e-05". */
    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e4 ? String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1")
                .replaceAll("\\.$", "") : String.format(Locale.ROOT, "%.2e", v);
    }

    /** A mean with its interval in significant digits, "0.0123 [0.00456, 0.0201]"; the mean alone without one. */
    static String sigInterval(double mean, double low, double high) {
        if (!Double.isFinite(mean)) {
            return MISSING;
        }
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return sig(mean);
        }
        return sig(mean) + " [" + sig(low) + ", " + sig(high) + "]";
    }

    /** An odds ratio with two significant digits, or a power of ten beyond 1000 or below 0.001. */
    static String ratio(double v) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        if (v >= 1000 || (v > 0 && v < 0.001)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    static String p(double v) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        return v < 0.001 ? "< 0.001" : num(v, 3);
    }
}
