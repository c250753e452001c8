package org.dalesweep.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.Version;
import org.dalesweep.layout.RunFile;
import org.dalesweep.layout.RunRows;
import org.dalesweep.layout.StatusCache;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.sweep.PlannedRun;
import org.dalesweep.sweep.RunSelection;
import org.dalesweep.sweep.SweepPlan;
import org.dalesweep.train.EnsembleShape;
import scala.Tuple2;

/**
 * Runs a validated sweep into an output directory (DESIGN §5): refuses a directory holding a
 * different sweep unless appending, takes the output's {@link OutputLock} (one driver per output),
 * records the resolved sweep, moves damaged files aside ({@link Quarantine}), skips runs already
 * committed, trains the rest with one Spark task per run, or per ensemble of up to K runs of one shape (`--ensemble`), while printing progress, and summarises
 * the output. Nothing is written before the directory is admitted.
 */
public final class SweepRunner {

    /** The master when none is configured: every core, each task tried up to 3 times. */
    public static final String DEFAULT_MASTER = "local[*,3]";

    private final SpecCodec codec;
    private final RunExecutor executor;
    private final PrintWriter out;
    private final Duration progressEvery;

    private Runnable beforeTraining = () -> { };

    /** Something to do once every check has passed and runs are about to be trained (a warning, say). */
    public void beforeTraining(Runnable action) {
        this.beforeTraining = action;
    }

    public SweepRunner(SpecCodec codec, RunExecutor executor, PrintWriter out, Duration progressEvery) {
        this.codec = codec;
        this.executor = executor;
        this.out = out;
        this.progressEvery = progressEvery;
    }

    /**
     * How a sweep runs into its output, besides the plan and the master.
     *
     * @param append       allow running into an output made by a different sweep, or trained by another commit
     * @param retryFailed  train the FAILED runs again (their files move to quarantine/ first); DIVERGED stays final
     * @param only         train only the runs it selects (the rest of the sweep is left as it is)
     * @param sharedOutput the user vouches that a local output path is the same directory on every node
     * @param ensemble     at most this many runs of one {@link EnsembleShape} per Spark task, trained together
     * @param refineRound  the plan is a refine round's (the grid and its probes so far, DESIGN §5.4): it adds to
     *                     the grid's output, and says so
     */
    public record Options(boolean append, boolean retryFailed, RunSelection only, boolean sharedOutput, int ensemble,
                          boolean refineRound) {
        public Options {
            only = only == null ? RunSelection.all() : only;
            if (ensemble < 1) {
                throw new IllegalArgumentException("--ensemble: must be >= 1, got " + ensemble);
            }
        }

        public Options(boolean append, boolean retryFailed, RunSelection only, boolean sharedOutput, int ensemble) {
            this(append, retryFailed, only, sharedOutput, ensemble, false);
        }

        public Options(boolean append, boolean retryFailed, RunSelection only, boolean sharedOutput) {
            this(append, retryFailed, only, sharedOutput, EnsembleShape.DEFAULT_SIZE, false);
        }

        /** These options for a refine round: adding to the grid's output, everything else as given. */
        public Options forRefineRound() {
            return new Options(true, false, only, sharedOutput, ensemble, true);
        }

        public static Options appending(boolean append) {
            return new Options(append, false, RunSelection.all(), false, EnsembleShape.DEFAULT_SIZE);
        }

        /** These options with up to {@code k} runs of one shape per Spark task. */
        public Options withEnsemble(int k) {
            return new Options(append, retryFailed, only, sharedOutput, k, refineRound);
        }
    }

    /**
     * Runs the plan into {@code output}.
     *
     * @param master     the Spark master, or null for the configured one (spark-submit), else {@link #DEFAULT_MASTER}
     * @param sparkConf  extra Spark settings ({@code --conf key=value})
     * @param append     allow running into an output made by a different sweep
     */
    public SweepSummary run(SweepPlan plan, String output, String master, Map<String, String> sparkConf, boolean append)
            throws IOException, OutputConflictException, SchemaConflictException, OutputLockedException {
        return run(plan, output, master, sparkConf, Options.appending(append));
    }

    /** Runs the plan into {@code output} with the given options; nothing is written before every check passed. */
    public SweepSummary run(SweepPlan plan, String output, String master, Map<String, String> sparkConf, Options options)
            throws IOException, OutputConflictException, SchemaConflictException, OutputLockedException {
        SparkConf conf = sparkConf(plan, master, sparkConf);
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> e : conf.getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(e._1(), e._2());
        }
        Path root = new Path(output);
        Path qualified = root.getFileSystem(hadoop).makeQualified(root);
        OutputPlacement.check(conf.get("spark.master"), output, qualified, options.sharedOutput(), hadoop);
        RunFiles files = new RunFiles(qualified.toString(), hadoop);
        if (files.fileSystem().exists(files.root()) && !files.fileSystem().getFileStatus(files.root()).isDirectory()) {
            throw new OutputConflictException("the output " + files.root() + " is a file, expected a directory");
        }
        MessageType schema = RunTables.runsSchema(plan.runs().stream().map(PlannedRun::spec).toList(), codec);
        SweepRecord record = new SweepRecord(files, codec.yamlMapper());
        SweepRecord.Admission admission = record.admit(plan, options.append());
        java.util.Optional<String> commitChange = record.commitChange();
        if (commitChange.isPresent() && !options.append()) {
            throw new OutputConflictException(commitChange.get() + ": its results would mix with this code's; use another"
                    + " --out, or --append to continue (the runs' git_commit column tells them apart)");
        }
        List<PlannedRun> selected = plan.runs().stream().filter(r -> options.only().matches(r, codec)).toList();
        if (selected.isEmpty()) {
            throw new OutputConflictException("--only " + options.only().describe() + " selects none of the sweep's "
                    + plan.runs().size() + " runs");
        }
        try (OutputLock lock = OutputLock.acquire(files.fileSystem(), files.root(), out)) {
            commitChange.ifPresent(c -> out.println(c + "; continuing as --append says"));
            return runLocked(plan, selected, files, schema, record, admission, conf, options);
        }
    }

    private SweepSummary runLocked(SweepPlan plan, List<PlannedRun> selected, RunFiles files, MessageType schema,
                                   SweepRecord record, SweepRecord.Admission admission, SparkConf conf, Options options)
            throws IOException {
        Path recorded = record.record(plan, Version.get());
        Quarantine quarantine = new Quarantine(files);
        for (Quarantine.Moved m : quarantine.clear()) {
            out.println("damaged: " + m.damage().file() + ": " + m.damage().reason() + "; moved to " + m.to()
                    + (m.retrain() == null ? "" : "; run " + m.retrain() + " now counts as missing"));
        }
        if (options.retryFailed()) {
            List<String> failed = new ArrayList<>();
            List<String> compactedFailed = new ArrayList<>();
            Map<String, RunFile> before = files.layout().committedRuns();
            Map<String, String> statuses = statuses(files, selected.stream().map(r -> before.get(r.runId()))
                    .filter(java.util.Objects::nonNull).toList());
            for (PlannedRun r : selected) {
                RunFile f = before.get(r.runId());
                if (f != null && "FAILED".equals(statuses.get(r.runId()))) {
                    (f.shared() ? compactedFailed : failed).add(r.runId());
                }
            }
            if (!compactedFailed.isEmpty()) {
                out.printf(Locale.ROOT, "--retry-failed: %d FAILED run%s lie in compacted files (part-*.parquet), which"
                        + " hold other runs too: not trained again here; retry them in the output that was compacted,"
                        + " then compact it again%n", compactedFailed.size(), compactedFailed.size() == 1 ? "" : "s");
            }
            Quarantine.Retired retired = quarantine.retire(failed, "FAILED, trained again (--retry-failed)");
            if (!failed.isEmpty()) {
                out.printf(Locale.ROOT, "--retry-failed: %d FAILED run%s to train again; %d file%s moved to %s%n",
                        failed.size(), failed.size() == 1 ? "" : "s", retired.moved().size(),
                        retired.moved().size() == 1 ? "" : "s", retired.into());
            } else {
                out.println("--retry-failed: no FAILED run to train again");
            }
        }
        out.flush();

        Map<String, Path> done = files.doneRuns();
        List<PlannedRun> pending = selected.stream().filter(r -> !done.containsKey(r.runId())).toList();
        int alreadyDone = selected.size() - pending.size();
        out.printf(Locale.ROOT, "sweep %s: %d runs (%d grid points x %d seeds, %d control runs) -> %s%n",
                plan.sweep().name(), plan.runs().size(), plan.gridPoints(), plan.sweep().seeds().size(),
                plan.controlRuns(), files.root());
        if (!options.only().selectsAll()) {
            out.printf(Locale.ROOT, "--only %s: %d of the %d runs%n", options.only().describe(), selected.size(),
                    plan.runs().size());
        }
        out.printf(Locale.ROOT, "%s; %d already done, %d to train%n",
                switch (admission) {
                    case NEW -> "recorded " + recorded.getName();
                    case RESUME -> "resuming (same sweep as " + recorded.getName() + ")";
                    case APPEND -> options.refineRound() ? "refine round: its probes join the grid's output (recorded "
                            + recorded.getName() + ")" : "appending to an output of another sweep (recorded "
                            + recorded.getName() + ")";
                }, alreadyDone, pending.size());
        out.flush();
        if (!pending.isEmpty()) {
            beforeTraining.run();
            train(plan, selected.size(), pending, alreadyDone, files, schema, conf, options.ensemble());
        }
        SweepSummary summary = summarise(plan, files, pending.size());
        print(summary);
        return summary;
    }

    /**
     * The Spark settings a sweep runs with: the extra settings, the master (given, configured, else
     * {@link #DEFAULT_MASTER}), and single-threaded BLAS in executors.
     */
    public static SparkConf sparkConf(SweepPlan plan, String master, Map<String, String> extra) {
        SparkConf conf = new SparkConf();
        extra.forEach(conf::set);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        conf.setIfMissing("spark.app.name", "dalesweep " + plan.sweep().name());
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }

    private void train(SweepPlan plan, int total, List<PlannedRun> pending, int alreadyDone, RunFiles files,
                       MessageType schema, SparkConf conf, int ensemble) {
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        if (System.getProperty("log4j.configurationFile") == null && System.getProperty("log4j2.configurationFile") == null) {
            spark.sparkContext().setLogLevel("WARN");
        }
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            HashMap<String, String> hadoopSettings = new HashMap<>();
            jsc.hadoopConfiguration().forEach(e -> hadoopSettings.put(e.getKey(), e.getValue()));
            Broadcast<HashMap<String, String>> broadcast = jsc.broadcast(hadoopSettings);
            RunTask.SweepCounters counters = new RunTask.SweepCounters(
                    jsc.sc().longAccumulator("dalesweep.done"),
                    jsc.sc().longAccumulator("dalesweep.diverged"),
                    jsc.sc().longAccumulator("dalesweep.failed"));
            List<List<String>> tasks = ensembles(pending, ensemble, jsc.defaultParallelism(), codec);
            TaskActivity activity = new TaskActivity(counters.done().id());
            spark.sparkContext().addSparkListener(activity);
            jsc.setJobDescription("dalesweep " + plan.sweep().name() + ": " + pending.size() + " runs in " + tasks.size()
                    + " tasks");
            RunTask task = new RunTask(files.root().toString(), broadcast, plan.sweep().name(), schema,
                    plan.sweep().saveParams(), ensemble >= 2 ? executor.forEnsembles() : executor, counters);
            try (Progress progress = new Progress(plan.sweep().name(), total, alreadyDone, pending.size(),
                    () -> counters.done().value() + activity.finishedInRunningTasks(), () -> counters.diverged().value(), () -> counters.failed().value(),
                    activity::running, out, System.console() != null, progressEvery)) {
                jsc.parallelize(tasks, tasks.size()).flatMap(task).collect();
            } finally {
                spark.sparkContext().removeSparkListener(activity);
            }
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /**
     * The Spark tasks of the pending runs: runs of one {@link EnsembleShape}, in plan order, in
     * groups of at most {@code k}, the groups made smaller where needed so that there are at least
     * as many tasks as {@code slots} (a few large ensembles would leave cores idle). Each group is
     * the canonical JSON of its runs.
     */
    static List<List<String>> ensembles(List<PlannedRun> pending, int k, int slots, SpecCodec codec) {
        int size = Math.max(1, Math.min(k, pending.size() / Math.max(1, slots)));
        Map<EnsembleShape, List<String>> byShape = new LinkedHashMap<>();
        for (PlannedRun r : pending) {
            byShape.computeIfAbsent(EnsembleShape.of(r.spec()), s -> new ArrayList<>()).add(codec.canonicalJson(r.spec()));
        }
        List<List<String>> tasks = new ArrayList<>();
        for (List<String> runs : byShape.values()) {
            for (int from = 0; from < runs.size(); from += size) {
                tasks.add(new ArrayList<>(runs.subList(from, Math.min(runs.size(), from + size))));
            }
        }
        return tasks;
    }

    /** The status of each listed run: known from a compacted file's listing, else read from its row (no Spark). */
    static Map<String, String> statuses(RunFiles files, List<RunFile> runs) throws IOException {
        Map<String, String> statuses = new LinkedHashMap<>();
        List<RunFile> unknown = new ArrayList<>();
        for (RunFile f : runs) {
            if (f.knownStatus() != null) {
                statuses.put(f.runId(), f.knownStatus());
            } else {
                unknown.add(f);
            }
        }
        RunRows.read(files.fileSystem(), unknown).forEach((id, g) -> statuses.put(id, g.getString("status", 0)));
        return statuses;
    }

    /** Reads status and final alpha of every planned run present in the output (parquet-java, no Spark). */
    SweepSummary summarise(SweepPlan plan, RunFiles files, int trainedNow) throws IOException {
        Map<String, RunFile> done = files.layout().committedRuns();
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, double[]> alpha = new TreeMap<>();
        int present = 0;
        double seconds = 0;
        Map<String, StatusCache.Entry> cache = new LinkedHashMap<>();
        Map<String, Group> rows = RunRows.read(files.fileSystem(), plan.runs().stream().map(r -> done.get(r.runId()))
                .filter(java.util.Objects::nonNull).toList());
        for (PlannedRun r : plan.runs()) {
            RunFile runFile = done.get(r.runId());
            if (runFile == null) {
                continue;
            }
            present++;
            Group g = rows.get(r.runId());
            String status = g.getString("status", 0);
            cache.put(r.runId(), StatusCache.Entry.of(status, runFile));
            if (g.getFieldRepetitionCount("seconds") > 0) {
                seconds += g.getDouble("seconds", 0);
            }
            counts.merge(status, 1, Integer::sum);
            double[] sum = alpha.computeIfAbsent(status, s -> new double[2]);
            if (g.getFieldRepetitionCount("alpha_final") > 0) {
                sum[0] += g.getDouble("alpha_final", 0);
                sum[1]++;
            }
        }
        new StatusCache(cache).write(files.layout()); // for `dalesweep status`
        Map<String, Double> mean = new LinkedHashMap<>();
        alpha.forEach((s, v) -> mean.put(s, v[1] == 0 ? Double.NaN : v[0] / v[1]));
        return new SweepSummary(files.root().toString(), plan.runs().size(), trainedNow, present, counts, mean, seconds);
    }

    private void print(SweepSummary s) {
        out.println();
        out.printf(Locale.ROOT, "%-10s %6s  %s%n", "status", "runs", "mean alpha_final");
        s.statusCounts().forEach((status, n) -> {
            double a = s.meanAlphaFinal().getOrDefault(status, Double.NaN);
            out.printf(Locale.ROOT, "%-10s %6d  %s%n", status, n, Double.isNaN(a) ? "-" : String.format(Locale.ROOT, "%.3f", a));
        });
        out.printf(Locale.ROOT, "%-10s %6d%n", "total", s.present());
        if (!s.complete()) {
            out.printf(Locale.ROOT, "%d of %d runs are missing: run the same command again to resume%n",
                    s.planned() - s.present(), s.planned());
        }
        out.println("output: " + s.output());
        out.flush();
    }
}
