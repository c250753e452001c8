package org.dalesweep.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dalesweep.analysis.SparkColumns;
import org.dalesweep.boundary.BoundaryFit;
import org.dalesweep.boundary.Bracket;

import org.dalesweep.boundary.Tally;
import org.dalesweep.schema.BoundariesColumn;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.Table;
import org.dalesweep.spec.Arm;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.sweep.Axis;
import org.dalesweep.sweep.PlannedRun;
import org.dalesweep.sweep.Refine;
import org.dalesweep.sweep.RunSelection;
import org.dalesweep.sweep.SweepPlan;

/**
 * Runs a sweep's {@code refine:} block (DESIGN §5.4) after its grid: per grid point and arm
 * (learned and twin) a search along the axis for the value where the fraction of runs satisfying
 * {@code until} crosses one half. Every probe is an ordinary run trained by {@link SweepRunner}
 * into the same output, so probes are resumable and trained exactly once. The rounds keep no state
 * of their own: each round's probes are a function ({@link Probes}) of the runs on disk, so a
 * killed refine started again re-derives the same rounds, finds their runs done and goes on.
 * At the end {@code <out>/boundaries/} is rewritten from the runs.
 */
public final class Refiner {

    private final SpecCodec codec;
    private final SweepRunner runner;
    private final PrintWriter out;

    public Refiner(SpecCodec codec, SweepRunner runner, PrintWriter out) {
        this.codec = codec;
        this.runner = runner;
        this.out = out;
    }

    /**
     * One search: a grid point's spec (seed 0, {@code refine.at} applied) in one arm, and the probes
     * planned so far. {@code selected}: trained by this invocation ({@code --only} matches its point);
     * an unselected search is only read back from the runs on disk, and {@code complete} turns false
     * (for good) at the first round whose probes are not all there.
     */
    private record Search(RunSpec point, String label, NavigableMap<Double, Integer> planned,
                          NavigableMap<Double, Tally> tallies, int rounds, boolean selected, boolean complete) {

        Search advanced(NavigableMap<Double, Integer> add) {
            return new Search(point, label, Probes.merge(planned, add), tallies, rounds + 1, selected, complete);
        }

        Search tallied(NavigableMap<Double, Tally> counted, boolean allThere) {
            return new Search(point, label, planned, counted, rounds, selected, complete && (selected || allThere));
        }

        /** Whether its boundary can be written: trained here, or found whole on disk. */
        boolean known() {
            return selected || complete;
        }
    }

    /**
     * Checks {@code refine.until} against the runs schema of the plan with Spark SQL: it must parse,
     * name at least one column and be true or false per run.
     *
     * @throws SpecException one problem naming {@code refine.until} and its value
     */
    public static void checkUntil(SparkSession spark, SweepPlan plan, SpecCodec codec) throws SpecException {
        String until = plan.sweep().refine().until();
        StructType schema;
        try {
            schema = runsStruct(plan, codec);
        } catch (SchemaConflictException e) {
            throw new SpecException("refine.until: cannot build the runs schema to check it against: " + e.getMessage(), e);
        }
        Dataset<Row> empty = spark.createDataFrame(List.of(), schema);
        Dataset<Row> hit;
        try {
            hit = empty.selectExpr("(" + until + ") AS hit");
            hit.schema();
        } catch (Exception e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new SpecException("refine.until: not a Spark SQL predicate over the runs columns (" + m.strip() + "), got '"
                    + until + "'", e);
        }
        if (hit.queryExecution().analyzed().references().isEmpty()) {
            throw new SpecException("refine.until: names no column of runs (e.g. alpha_final >= 0.9), got '" + until + "'");
        }
        if (!hit.schema().fields()[0].dataType().equals(DataTypes.BooleanType)) {
            throw new SpecException("refine.until: must be true or false per run, but is "
                    + hit.schema().fields()[0].dataType().simpleString() + ", got '" + until + "'");
        }
    }

    private static StructType runsStruct(SweepPlan plan, SpecCodec codec) throws SchemaConflictException {
        List<StructField> fields = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Column c : Table.RUNS.knownColumns()) {
            fields.add(SparkColumns.field(c));
            seen.add(c.columnName());
        }
        for (Column c : RunTables.specColumns(plan.runs().stream().map(PlannedRun::spec).toList(), codec).values()) {
            if (!seen.contains(c.columnName())) {
                fields.add(SparkColumns.field(c));
            }
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * The rounds after the grid (which {@link SweepRunner#run} has trained), then the boundaries.
     * The grid's admission (a new output, or the same sweep resumed) has happened; every round is
     * admitted as an addition to it.
     */
    public void refine(SweepPlan plan, String output, String master, Map<String, String> sparkConf,
                       SweepRunner.Options options)
            throws IOException, OutputConflictException, SchemaConflictException, OutputLockedException, SpecException {
        Refine refine = plan.sweep().refine();
        SparkConf conf = SweepRunner.sparkConf(plan, master, sparkConf);
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            RunSelection only = options.only();
            List<Search> searches = searches(plan, only);
            long chosen = searches.stream().filter(Search::selected).count();
            String column = org.dalesweep.schema.SpecColumn.ofKey(refine.axis());
            out.printf(Locale.ROOT, "%nrefine %s over [%s, %s] (%s scale) until %s: %d searches (grid points x arms),"
                            + " at most %d rounds, %d seeds per value%s%n", refine.axis(), show(refine.low()),
                    show(refine.high()), refine.scale(), refine.until(), searches.size(), refine.maxRounds(),
                    refine.seedsPerPoint(), only.selectsAll() ? "" : String.format(Locale.ROOT,
                            "; --only %s: %d of them trained here, the others read from the runs on disk",
                            only.describe(), chosen));
            Map<String, Boolean> hits;
            for (int round = 1; round <= refine.maxRounds(); round++) {
                List<Search> next = new ArrayList<>();
                int open = 0;
                int openHere = 0;
                for (Search s : searches) {
                    NavigableMap<Double, Integer> add = !s.known() ? new TreeMap<>() : round == 1 ? Probes.firstRound(refine)
                            : Probes.next(refine, s.planned(), s.tallies());
                    if (!add.isEmpty()) {
                        open++;
                        openHere += s.selected() ? 1 : 0;
                    }
                    next.add(add.isEmpty() ? s : s.advanced(add));
                }
                if (open == 0) {
                    out.printf(Locale.ROOT, "refine: every search is done after %d round%s%n", round - 1, round == 2 ? "" : "s");
                    break;
                }
                searches = next;
                SweepPlan roundPlan = roundPlan(plan, searches);
                // the line counts the searches trained here; those read back from disk only replay their rounds
                out.printf(Locale.ROOT, "%n== refine round %d of at most %d: %d of %d searches open ==%n", round,
                        refine.maxRounds(), openHere, chosen);
                out.flush();
                runner.run(roundPlan, output, master, sparkConf, options.forRefineRound());
                hits = readHits(spark, output, refine.until());
                searches = tally(searches, refine.axis(), hits);
                printRound(searches.stream().filter(Search::selected).toList(), refine);
            }
            writeBoundaries(spark, plan, output, searches.stream().filter(Search::known).toList(), column);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /**
     * Learned and twin grid points of the plan (seed 0) with {@code refine.at} set, in the plan's
     * order, each once; selected when {@code only} matches the point.
     */
    private List<Search> searches(SweepPlan plan, RunSelection only) throws SpecException {
        Map<String, Search> byId = new LinkedHashMap<>();
        Map<String, JsonNode> at = plan.sweep().refine().at();
        for (PlannedRun r : plan.runs()) {
            if (r.spec().arm() == Arm.FROZEN) {
                continue;
            }
            RunSpec point = r.spec().withSeed(0);
            if (!at.isEmpty()) {
                ObjectNode tree = (ObjectNode) tree(point);
                for (Map.Entry<String, JsonNode> e : at.entrySet()) {
                    SpecCodec.setPath(tree, e.getKey(), e.getValue().deepCopy());
                }
                point = codec.resolve(tree);
            }
            String id = codec.runId(point);
            if (!byId.containsKey(id)) {
                boolean selected = only.matches(new PlannedRun(id, point, point.arm() != Arm.LEARNED), codec);
                byId.put(id, new Search(point, label(plan, point), new TreeMap<>(), new TreeMap<>(), 0, selected, true));
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** The point's grid levels and arm, for progress lines: {@code task.name=go_nogo, arm=twin}. */
    private String label(SweepPlan plan, RunSpec point) throws SpecException {
        JsonNode tree = tree(point);
        List<String> parts = new ArrayList<>();
        for (Axis a : plan.sweep().axes()) {
            JsonNode v = RunSelection.at(tree, a.key());
            parts.add(a.key() + "=" + (v == null ? "?" : v.isTextual() ? v.asText() : v.toString()));
        }
        parts.add("arm=" + point.arm().toString().toLowerCase(Locale.ROOT));
        return String.join(", ", parts);
    }

    /** The grid's runs and every probe planned so far, each run id once. */
    private SweepPlan roundPlan(SweepPlan plan, List<Search> searches) throws SpecException {
        Map<String, PlannedRun> runs = new LinkedHashMap<>();
        plan.runs().forEach(r -> runs.put(r.runId(), r));
        for (Search s : searches) {
            for (Map.Entry<Double, Integer> e : s.planned().entrySet()) {
                for (long seed = 1; seed <= e.getValue(); seed++) {
                    RunSpec spec = probe(s.point(), plan.sweep().refine().axis(), e.getKey(), seed);
                    String id = codec.runId(spec);
                    runs.putIfAbsent(id, new PlannedRun(id, spec, s.point().arm() != Arm.LEARNED));
                }
            }
        }
        return new SweepPlan(plan.sweep(), new ArrayList<>(runs.values()), plan.gridPoints(), plan.controlRuns());
    }

    /** The point's spec with the axis at {@code value} and the given seed. */
    private RunSpec probe(RunSpec point, String axis, double value, long seed) throws SpecException {
        ObjectNode tree = (ObjectNode) tree(point.withSeed(seed));
        SpecCodec.setPath(tree, axis, JsonNodeFactory.instance.numberNode(value));
        return codec.resolve(tree);
    }

    /** Every key of the spec (later keys at their default included), as a settings tree. */
    private JsonNode tree(RunSpec spec) {
        return codec.tree(spec);
    }

    /** run id → whether the COMPLETED run satisfies {@code until} (null predicates count as false). */
    private static Map<String, Boolean> readHits(SparkSession spark, String output, String until) {
        String runs = new org.apache.hadoop.fs.Path(output, Table.RUNS.dir()).toString();
        List<Row> rows = spark.read().option("basePath", runs).parquet(runs)
                .where("status = 'COMPLETED'")
                .selectExpr("run_id", "coalesce((" + until + "), false) AS hit").collectAsList();
        Map<String, Boolean> hits = new HashMap<>();
        rows.forEach(r -> hits.put(r.getString(0), r.getBoolean(1)));
        return hits;
    }

    private List<Search> tally(List<Search> searches, String axis, Map<String, Boolean> hits) throws SpecException {
        List<Search> out = new ArrayList<>();
        for (Search s : searches) {
            NavigableMap<Double, Tally> tallies = new TreeMap<>();
            boolean allThere = true;
            for (Map.Entry<Double, Integer> e : s.planned().entrySet()) {
                Tally t = new Tally(0, 0);
                for (long seed = 1; seed <= e.getValue(); seed++) {
                    Boolean hit = hits.get(codec.runId(probe(s.point(), axis, e.getKey(), seed)));
                    if (hit != null) {
                        t = t.plus(hit);
                    } else {
                        allThere = false;
                    }
                }
                tallies.put(e.getKey(), t);
            }
            out.add(s.tallied(tallies, allThere));
        }
        return out;
    }

    private void printRound(List<Search> searches, Refine refine) {
        out.println();
        for (Search s : searches) {
            Bracket b = Bracket.of(s.tallies());
            StringBuilder line = new StringBuilder("  ").append(s.label()).append(": ");
            if (b == null) {
                line.append("no completed run yet");
            } else if (Bracket.ABOVE.equals(b.censored())) {
                line.append("above the range (even ").append(show(b.low())).append(" does not reach it)");
            } else if (Bracket.BELOW.equals(b.censored())) {
                line.append("below the range (already at ").append(show(b.high())).append(")");
            } else {
                line.append("between ").append(show(b.low())).append(" and ").append(show(b.high()))
                        .append(refine.narrow(b.low(), b.high()) ? " (narrow enough)" : "");
            }
            line.append("   P(until) by value:");
            s.tallies().forEach((v, t) -> line.append(' ').append(show(v)).append(':').append(t.hits()).append('/').append(t.n()));
            out.println(line);
        }
        out.flush();
    }

    private void writeBoundaries(SparkSession spark, SweepPlan plan, String output, List<Search> searches, String column)
            throws SchemaConflictException {
        Refine refine = plan.sweep().refine();
        List<RunSpec> points = searches.stream().map(Search::point).toList();
        Map<String, Column> specColumns = new LinkedHashMap<>(RunTables.specColumns(points, codec));
        specColumns.remove("seed");
        specColumns.remove(column);
        List<StructField> fields = new ArrayList<>();
        for (Column c : BoundariesColumn.columns()) {
            fields.add(SparkColumns.field(c));
        }
        for (Column c : specColumns.values()) {
            fields.add(DataTypes.createStructField(c.columnName(), SparkColumns.dataType(c.type()), true));
        }
        StructType schema = DataTypes.createStructType(fields);
        double baseValue = baseValue(plan, column);
        List<Row> rows = new ArrayList<>();
        for (Search s : searches) {
            Bracket b = Bracket.of(s.tallies());
            BoundaryFit.Estimate fit = BoundaryFit.fit(refine.scale() == Refine.Scale.LOG, s.tallies());
            int n = s.tallies().values().stream().mapToInt(Tally::n).sum();
            List<Object> values = new ArrayList<>();
            for (BoundariesColumn c : BoundariesColumn.values()) {
                values.add(switch (c) {
                    case AXIS -> refine.axis();
                    case ARM -> s.point().arm().toString().toLowerCase(Locale.ROOT);
                    case UNTIL -> refine.until();
                    case SCALE -> refine.scale().toString();
                    case BASE_VALUE -> baseValue;
                    case ESTIMATE -> fit == null ? null : fit.estimate();
                    case CI_LOW -> fit == null ? null : fit.ciLow();
                    case CI_HIGH -> fit == null ? null : fit.ciHigh();
                    case BRACKET_LOW -> b == null ? null : b.low();
                    case BRACKET_HIGH -> b == null ? null : b.high();
                    case N_RUNS -> n;
                    case ROUNDS -> s.rounds();
                    case CENSORED -> b == null ? null : b.censored();
                });
            }
            Map<String, Object> flat = codec.flatten(s.point());
            for (String name : specColumns.keySet()) {
                values.add(flat.get(name));
            }
            rows.add(RowFactory.create(values.toArray()));
        }
        String dir = new org.apache.hadoop.fs.Path(output, BoundariesColumn.DIR).toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir);
        out.printf(Locale.ROOT, "%nboundaries: %d rows -> %s%n", rows.size(), dir);
        out.flush();
    }

    /** The axis's value in the grid's own runs (their base setting; the same for every grid run). */
    private double baseValue(SweepPlan plan, String column) {
        Object v = codec.flatten(plan.runs().get(0).spec()).get(column);
        return v instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    private static String show(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
