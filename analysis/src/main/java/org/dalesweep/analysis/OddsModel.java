package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The model of P(alpha_final ≥ 0.9) on the factors: a main-effects logistic regression with each
 * factor treated as categorical (reference level: the lowest), fitted by IRLS on the table of
 * covariate patterns that Spark aggregates from {@code learned}. When the data separate (a level
 * where every run or no run reaches alpha ≥ 0.9) or the design is collinear, the fit is redone
 * with a ridge penalty of {@value #RIDGE} on the log odds, and the result says so.
 */
public final class OddsModel {

    /** The ridge penalty used when the unpenalised fit fails or separates. */
    public static final double RIDGE = 0.1;
    /** Most covariate patterns the driver accepts (the product of factor levels actually seen). */
    static final int MAX_PATTERNS = 200_000;

    /** One coefficient: a factor level against the factor's reference level. */
    public record Term(String factor, String level, String reference, double logOdds, double se) {

        public double oddsRatio() {
            return Math.exp(logOdds);
        }

        public double ciLow() {
            return Math.exp(logOdds - Stats.Z95 * se);
        }

        public double ciHigh() {
            return Math.exp(logOdds + Stats.Z95 * se);
        }

        public double p() {
            return Stats.twoSidedP(logOdds / se);
        }
    }

    /**
     * The fitted model: intercept (log odds at the reference levels) with its SE, the terms,
     * the runs and successes it was fitted on, the ridge (0 if none) and notes on what was done.
     */
    public record Result(double intercept, double interceptSe, List<Term> terms, long runs, long successes,
                         double ridge, boolean converged, List<String> notes, Outcome outcome) {

        public Result {
            terms = List.copyOf(terms);
            notes = List.copyOf(notes);
        }
    }

    /**
     * What is modelled: the view, the SQL condition of a run that counts, the condition of a
     * success, the success in words ("alpha → 1") and the runs in words.
     */
    public record Outcome(String view, String valid, String success, String event, String runs) {
    }

    /** The former headline: [alpha_final ≥ 0.9] over the completed learned runs (view {@code learned}). */
    public static final Outcome ALPHA_TO_ONE = new Outcome("learned", "a IS NOT NULL",
            "a >= " + LevelStats.DALE_THRESHOLD, "alpha → 1", "completed learned-alpha runs");

    /** The headline: [pressure_late_mean > 0] over the completed learned runs (view {@code arm_runs}). */
    public static final Outcome LATE_TOWARD_DALE = new Outcome("arm_runs", "arm_label = 'learned' AND pl IS NOT NULL",
            "pl > 0", "a late pressure toward Dale", "completed learned-arm runs with a late pressure");

    private OddsModel() {
    }

    /** {@link #fit(SparkSession, List, Outcome)} of {@link #ALPHA_TO_ONE}. */
    public static Result fit(SparkSession spark, List<Factor> factors) throws AnalysisInputException {
        return fit(spark, factors, ALPHA_TO_ONE);
    }

    /** Aggregates the outcome's view by the factors and fits the model; empty notes-only result if nothing to fit. */
    public static Result fit(SparkSession spark, List<Factor> factors, Outcome outcome) throws AnalysisInputException {
        List<String> notes = new ArrayList<>();
        StringBuilder keys = new StringBuilder();
        for (Factor f : factors) {
            keys.append(f.alias()).append(", ");
        }
        String sql = "SELECT " + keys + "count(*) AS n, count_if(" + outcome.success() + ") AS k FROM "
                + outcome.view() + " WHERE " + outcome.valid()
                + (factors.isEmpty() ? "" : " GROUP BY " + keys.substring(0, keys.length() - 2));
        List<Row> cells = spark.sql(sql).limit(MAX_PATTERNS + 1).collectAsList();
        if (cells.size() > MAX_PATTERNS) {
            throw new AnalysisInputException("the factors give more than " + MAX_PATTERNS
                    + " covariate patterns; too many for the logistic model");
        }
        int k = factors.size();
        long runs = 0;
        long successes = 0;
        for (Row r : cells) {
            runs += r.getLong(k);
            successes += r.getLong(k + 1);
        }
        List<Factor> used = new ArrayList<>();
        List<List<String>> usedLevels = new ArrayList<>();
        List<Integer> usedIndex = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int col = i;
            List<String> levels = Factor.ordered(cells.stream().map(r -> r.getString(col))
                    .filter(l -> !l.equals(Factor.NOT_APPLICABLE)).distinct().toList());
            if (levels.size() < 2) {
                notes.add(factors.get(i).name() + " has fewer than two levels among the " + outcome.runs() + "; left out.");
                continue;
            }
            used.add(factors.get(i));
            usedLevels.add(levels);
            usedIndex.add(i);
        }
        if (runs == 0) {
            notes.add("No " + outcome.runs() + ": nothing to fit.");
            return new Result(Double.NaN, Double.NaN, List.of(), 0, 0, 0, false, notes, outcome);
        }
        if (successes == 0 || successes == runs) {
            // the intercept's maximum-likelihood estimate is infinite, with or without a ridge on the terms
            notes.add((successes == 0 ? "None" : "Every one") + " of the " + outcome.runs() + " shows "
                    + outcome.event() + ": with one outcome only there are no odds to model, so no model"
                    + " was fitted.");
            return new Result(Double.NaN, Double.NaN, List.of(), runs, successes, 0, false, notes, outcome);
        }
        List<String[]> termNames = new ArrayList<>();
        for (int u = 0; u < used.size(); u++) {
            List<String> levels = usedLevels.get(u);
            for (int j = 1; j < levels.size(); j++) {
                termNames.add(new String[] {used.get(u).name(), levels.get(j), levels.get(0)});
            }
        }
        int p = 1 + termNames.size();
        double[][] x = new double[cells.size()][p];
        double[] n = new double[cells.size()];
        double[] y = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            Row r = cells.get(i);
            x[i][0] = 1;
            int column = 1;
            for (int u = 0; u < used.size(); u++) {
                List<String> levels = usedLevels.get(u);
                String level = r.getString(usedIndex.get(u));
                for (int j = 1; j < levels.size(); j++) {
                    x[i][column++] = levels.get(j).equals(level) ? 1 : 0;
                }
            }
            n[i] = r.getLong(k);
            y[i] = r.getLong(k + 1);
        }
        LogisticRegression.Fit fit = null;
        try {
            fit = LogisticRegression.fit(x, n, y, 0);
            if (fit.separated()) {
                notes.add("The unpenalised fit separated (some conditions show " + outcome.event() + " always or never),"
                        + " so the model was refitted with a ridge penalty of " + RIDGE + " on the log odds;"
                        + " coefficients are shrunk towards 0 and their intervals are approximate.");
                fit = null;
            }
        } catch (ArithmeticException e) {
            notes.add("The design is collinear (" + e.getMessage() + "), so the model was fitted with a ridge"
                    + " penalty of " + RIDGE + " on the log odds; coefficients are shrunk towards 0 and their"
                    + " intervals are approximate.");
        }
        if (fit == null) {
            try {
                fit = LogisticRegression.fit(x, n, y, RIDGE);
            } catch (ArithmeticException e) {
                notes.add("The penalised fit failed too (" + e.getMessage() + "): no model.");
                return new Result(Double.NaN, Double.NaN, List.of(), runs, successes, RIDGE, false, notes, outcome);
            }
        }
        double[] beta = fit.coefficients();
        double[] se = fit.standardErrors();
        List<Term> terms = new ArrayList<>();
        for (int t = 0; t < termNames.size(); t++) {
            String[] name = termNames.get(t);
            terms.add(new Term(name[0], name[1], name[2], beta[t + 1], se[t + 1]));
        }
        return new Result(beta[0], se[0], terms, runs, successes, fit.ridge(), fit.converged(), notes, outcome);
    }

    /** The sentence a scientist reads for one term. */
    public static String sentence(Term t) {
        return sentence(t, ALPHA_TO_ONE);
    }

    /** The sentence a scientist reads for one term of the model of {@code outcome}. */
    public static String sentence(Term t, Outcome outcome) {
        String effect = String.format("%s = %s vs %s multiplies the odds of %s by %s (95 %% CI %s–%s)",
                t.factor(), t.level(), t.reference(), outcome.event(), Format.ratio(t.oddsRatio()), Format.ratio(t.ciLow()),
                Format.ratio(t.ciHigh()));
        String verdict;
        if (t.ciLow() > 1) {
            verdict = "raises them clearly";
        } else if (t.ciHigh() < 1) {
            verdict = "lowers them clearly";
        } else {
            verdict = "the data cannot tell it from no effect";
        }
        return effect + ", other factors held fixed: " + verdict + ".";
    }
}
