package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.analysis.PressureTables.Estimate;
import org.dalesweep.analysis.PressureTables.FrozenRow;
import org.dalesweep.analysis.PressureTables.LearnedRow;
import org.dalesweep.analysis.PressureTables.Verdict;

/**
 * The sections of the report that answer the question (issue 15): "What this sweep says" (the
 * verdict table and, under it, the pressure in the frozen controls), then the model of the
 * direction of drift.
 * Reads the cached view {@code arm_runs} (see {@link PressureTables}).
 */
final class Answer {

    /** Most decided rows put into words under the verdict table. */
    static final int MAX_SENTENCES = 12;

    /** What the answer sections found, for the caller and the tests. */
    record Result(List<LearnedRow> learned, List<FrozenRow> frozen, OddsModel.Result model, boolean withTwin) {
    }

    private final SparkSession spark;
    private final List<Factor> factors;
    private final boolean withTwin;
    private final boolean withFrozen;

    /** Set when the prices (DESIGN §5.4) lead the section: the pressure answer follows under its own heading. */
    private Prices.Result prices;

    Answer(SparkSession spark, List<Factor> factors, boolean withTwin, boolean withFrozen) {
        this.spark = spark;
        this.factors = List.copyOf(factors);
        this.withTwin = withTwin;
        this.withFrozen = withFrozen;
    }

    /** The prices led "What this sweep says"; the pressure tables follow them, on the grid's own runs. */
    Answer afterPrices(Prices.Result result) {
        this.prices = result;
        return this;
    }

    Result write(Report report) throws AnalysisInputException {
        List<LearnedRow> learned = PressureTables.learned(spark, factors, withTwin);
        verdictSection(report, learned);
        // the frozen ends belong to the answer: what each pure network would gain by mixing
        List<FrozenRow> frozen = withFrozen ? PressureTables.frozen(spark, frozenFactors()) : List.of();
        frozenSection(report, frozen);
        OddsModel.Result model = OddsModel.fit(spark, factors, OddsModel.LATE_TOWARD_DALE);
        modelSection(report, model);
        return new Result(learned, frozen, model, withTwin);
    }

    /** The factors a frozen control has: not the alpha settings, which the control replaces. */
    private List<Factor> frozenFactors() {
        Set<String> alpha = ControlComparison.NOT_GRID;
        return factors.stream().filter(f -> !alpha.contains(f.name())).toList();
    }

    private void verdictSection(Report report, List<LearnedRow> rows) {
        if (prices == null) {
            report.heading(1, "What this sweep says");
        } else {
            report.heading(2, "Pressure on alpha, on the grid's own runs");
            report.paragraph("From here on the report reads only the runs of the sweep's own grid (`" + prices.axis()
                    + "` at its base value " + Format.sig(prices.baseValue()) + "); the refine's probes are in the"
                    + " prices above.");
        }
        LearnedRow all = rows.get(0);
        if (all.runs() == 0) {
            report.paragraph("No completed run in the learned arm: nothing to say.");
            return;
        }
        if (all.late().n() == 0) {
            report.paragraph("**No pressure recorded**: the learned runs have no `pressure_late_mean` (an output"
                    + " written before the pressure was measured), so every verdict is undecided; alpha_delta and"
                    + " P(alpha_final ≥ 0.9) below are descriptive only.");
        }
        report.paragraph("Pressure is −∂L/∂alpha, the signed gradient of the training loss with respect to alpha"
                + " (loss per unit alpha, before the optimiser): **positive = toward Dale** (alpha → 1), negative ="
                + " toward free. The verdict uses the **late pressure** (`pressure_late_mean`, the mean over the last"
                + " quarter of training steps), with the whole-run mean (`pressure_mean`) beside it: the whole-run"
                + " mean is dominated by a large transient in the first steps, an effect of initialisation that"
                + (withTwin ? " the twin shares" : " a twin arm would share") + "; the late pressure is what training"
                + " pushes toward once the network has left its initial state." + transientEvidence(all));
        if (withTwin) {
            report.paragraph("**Against the twin.** Every learned run is paired with its twin (the same spec, seed and"
                    + " initial draws with `dale_map: none`, DESIGN §5.2); Δ columns are the paired differences"
                    + " learned − twin. Only what exceeds the twin is attributed to Dale's law, so the verdict tests"
                    + " Δ late pressure.");
        } else {
            report.paragraph("**No twin arm** in this sweep (`controls: [twin]` adds it): the verdict tests the learned"
                    + " arm's late pressure alone, so it cannot separate Dale's law from initialisation and"
                    + " optimisation effects that a twin would show too.");
        }
        report.paragraph("**Verdict rule.** Per row, a one-sample t-test over the row's runs (seeds × grid points"
                + " in the condition) of the per-run " + (withTwin ? "difference learned − twin of the late pressure"
                : "late pressure") + "; 95 % t-intervals (none when n < 2); two-sided p-values adjusted for the "
                + rows.stream().filter(r -> Double.isFinite(r.p())).count() + " rows by **Holm's step-down method**"
                + " (family-wise error 5 %). *toward Dale* if the adjusted p < 0.05 and the mean > 0, *toward free* if"
                + " < 0.05 and the mean < 0, else *undecided* (always with n < 2). Rows: all runs, each factor level,"
                + " each pair of levels; the frozen controls are in their own table below.");
        List<String> header = new ArrayList<>(List.of("condition", "n", "mean alpha_delta [95 % CI]",
                "P(alpha_delta > 0)", "P(alpha_final ≥ 0.9)", "pressure_mean [95 % CI]", "late pressure [95 % CI]"));
        if (withTwin) {
            header.addAll(List.of("pairs", "Δ alpha_delta learned − twin", "Δ pressure_mean learned − twin",
                    "Δ late pressure learned − twin"));
        }
        header.addAll(List.of("p (Holm)", "verdict"));
        List<List<String>> body = new ArrayList<>();
        for (LearnedRow r : rows) {
            List<String> row = new ArrayList<>(List.of(r.condition().label(), Long.toString(r.runs()),
                    r.delta().cell(), Format.fraction(r.pDeltaPositive()), Format.fraction(r.pNearDale()),
                    r.pressure().cell(), r.late().cell()));
            if (withTwin) {
                row.addAll(List.of(Long.toString(r.twinLate().n()), r.twinDelta().cell(), r.twinPressure().cell(),
                        r.twinLate().cell()));
            }
            row.addAll(List.of(Format.p(r.adjustedP()), verdictCell(r.verdict())));
            body.add(row);
        }
        report.table(header, body);
        List<LearnedRow> decided = rows.stream().filter(r -> r.verdict() != Verdict.UNDECIDED).toList();
        if (decided.isEmpty()) {
            Estimate e = all.tested();
            report.paragraph("**In words:** no condition's " + (withTwin ? "late pressure differs from its twin's"
                    : "late pressure differs from zero") + " after Holm's correction; over all " + e.n() + " "
                    + (withTwin ? "pairs the difference learned − twin is " : "learned runs it is ") + e.cell()
                    + ". The sweep does not show Dale's law pulling alpha either way.");
        } else {
            StringBuilder words = new StringBuilder("**In words:** ");
            decided.stream().limit(MAX_SENTENCES).forEach(r -> words.append(PressureTables.sentence(r, withTwin))
                    .append(' '));
            if (decided.size() > MAX_SENTENCES) {
                words.append("(and ").append(decided.size() - MAX_SENTENCES).append(" more decided rows in the table.) ");
            }
            long undecided = rows.size() - decided.size();
            words.append(undecided).append(" of the ").append(rows.size()).append(" rows are undecided.");
            report.paragraph(words.toString());
        }
    }

    private static String verdictCell(Verdict v) {
        return v == Verdict.UNDECIDED ? v.text() : "**" + v.text() + "**";
    }

    /** The numbers behind choosing the late pressure: the whole-run and late means, learned and twin. */
    private String transientEvidence(LearnedRow all) {
        if (all.pressure().n() == 0 || all.late().n() == 0) {
            return "";
        }
        String s = String.format(Locale.ROOT, " In this sweep, over all learned runs: whole-run mean %s, late mean %s",
                Format.sig(all.pressure().mean()), Format.sig(all.late().mean()));
        if (withTwin && all.twinPressure().n() > 0) {
            s += String.format(Locale.ROOT, "; their twins (approximately, over the pairs): whole-run %s, late %s"
                    + " (paired learned − twin: %s and %s)",
                    Format.sig(all.pressure().mean() - all.twinPressure().mean()),
                    Format.sig(all.late().mean() - all.twinLate().mean()),
                    Format.sig(all.twinPressure().mean()), Format.sig(all.twinLate().mean()));
        }
        return s + ".";
    }

    private void modelSection(Report report, OddsModel.Result model) {
        report.heading(1, "A model of the direction of drift");
        report.paragraph("Logistic regression of **[late pressure > 0]** (`pressure_late_mean` > 0: at the end of"
                + " training the loss gradient pushes alpha toward Dale) on the factors, alpha_init among them when it"
                + " varies (main effects, each factor categorical against its lowest level), fitted by IRLS on the "
                + model.runs() + " completed learned-arm runs with a late pressure (" + model.successes()
                + " toward Dale). The late pressure's sign, not [alpha_delta > 0], because alpha_delta mixes the"
                + " shared early transient with what follows and is bounded by alpha_init (from 0.9 alpha can rise by"
                + " 0.1 at most, and through the sigmoid ever more slowly), while the late pressure's sign is the"
                + " direction of drift where training ends. Intervals are Wald 95 % intervals; p-values Wald tests."
                + " P(alpha_final ≥ 0.9) stays a descriptive column of the tables.");
        model.notes().forEach(report::paragraph);
        if (model.terms().isEmpty()) {
            if (Double.isFinite(model.intercept())) {
                report.paragraph("No factor to model; overall odds of a late pressure toward Dale: "
                        + Format.ratio(Math.exp(model.intercept())) + ".");
            }
            return;
        }
        double base = 1 / (1 + Math.exp(-model.intercept()));
        report.paragraph(String.format(Locale.ROOT, "At the reference levels (%s) the model puts P(late pressure > 0)"
                + " at %s.", model.terms().stream().map(t -> t.factor() + " = " + t.reference()).distinct()
                .collect(Collectors.joining(", ")), Format.num(100 * base, 1) + " %"));
        List<List<String>> rows = new ArrayList<>();
        for (OddsModel.Term t : model.terms()) {
            rows.add(List.of(t.factor(), t.level() + " vs " + t.reference(), Format.num(t.logOdds(), 3),
                    Format.num(t.se(), 3), Format.ratio(t.oddsRatio()),
                    Format.ratio(t.ciLow()) + "–" + Format.ratio(t.ciHigh()), Format.p(t.p())));
        }
        report.table(List.of("factor", "level", "log odds ratio", "SE", "odds ratio", "95 % CI", "p"), rows);
        for (OddsModel.Term t : model.terms()) {
            report.paragraph("- " + OddsModel.sentence(t, model.outcome()));
        }
    }

    private void frozenSection(Report report, List<FrozenRow> rows) {
        report.heading(2, "The controls speak: pressure at the frozen ends");
        if (!withFrozen || rows.isEmpty()) {
            report.paragraph("**No frozen controls** in this sweep (`controls: [frozen]` adds them): no pressure"
                    + " at alpha = 0 or alpha = 1.");
            return;
        }
        report.paragraph("The frozen controls do not move alpha, but their pressure says where it would go. At"
                + " **alpha = 1** (the pure Dale network) a negative pressure means letting in free weights would lower"
                + " the loss (*free weights would help*); a positive one pushes past 1 (*Dale holds*). At **alpha = 0**"
                + " (the free network) a positive pressure means some Dale would lower the loss (*some Dale would"
                + " help*); a negative one says *free is a local optimum*. Same test as above on the late pressure,"
                + " Holm's correction within each end; conditions are the factors other than the alpha settings."
                + " A caveat (DESIGN §5.2): at a frozen end the other matrix gets no gradient and stays as initialised,"
                + " so *free weights would help* at alpha = 1 also says a smaller Dale matrix would; the contrast"
                + " between conditions is the measurement.");
        List<List<String>> body = new ArrayList<>();
        for (FrozenRow r : rows) {
            body.add(List.of("alpha = " + r.end(), r.condition().label(), Long.toString(r.runs()), r.pressure().cell(),
                    r.late().cell(), Format.p(r.adjustedP()), r.verdict() == Verdict.UNDECIDED ? r.reading()
                            : "**" + r.reading() + "**"));
        }
        report.table(List.of("frozen at", "condition", "n", "pressure_mean [95 % CI]", "late pressure [95 % CI]",
                "p (Holm)", "reading"), body);
    }
}
