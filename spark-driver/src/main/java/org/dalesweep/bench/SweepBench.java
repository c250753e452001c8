package org.dalesweep.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.cli.RunCommand;
import org.dalesweep.spark.OutputConflictException;
import org.dalesweep.spark.RunExecutor;
import org.dalesweep.spark.SchemaConflictException;
import org.dalesweep.spark.SweepRunner;
import org.dalesweep.spark.SweepSummary;
import org.dalesweep.spark.TrainerExecutor;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.sweep.PlannedRun;
import org.dalesweep.sweep.SweepLoader;
import org.dalesweep.sweep.SweepPlan;
import org.dalesweep.text.TextTable;
import org.dalesweep.train.EnsembleShape;
import org.dalesweep.train.RunResult;

/**
 * {@code dalesweep bench --sweep}: trains equal runs (one spec, seeds 1..R) one after another in
 * this JVM, then the same runs as a sweep through {@link SweepRunner} on a Spark session of K local
 * slots into a temporary directory (deleted afterwards), and reports parallel efficiency
 * (sequential time / (K x sweep time)), Spark's start-up and the per-task overhead separately.
 */
final class SweepBench {
    /**
     * The base of the benchmark's runs, before {@code --set}: a real perceptual decision run of about
     * 7 s here, long enough that the fixed per-task and per-sweep costs (reported separately) do not
     * dominate, still far shorter than a study's runs (~60 s).
     */
    static final String BASE_TEXT = "task.name=perceptual_dm, network.units=128, training.iterations=1000";
    static final List<String> BASE = List.of(BASE_TEXT.split(", "));

    private final int runs;
    private final int slots;
    /** Runs per Spark task in the timed sweep ({@code --ensemble}). */
    private final int ensemble;
    private final List<String> overrides;
    private final PrintWriter out;

    /** {@code ensemble}: runs per Spark task in the timed sweep, 0 for {@code run}'s default. */
    SweepBench(int runs, int slots, int ensemble, List<String> overrides, PrintWriter out) {
        if (runs < 1 || slots < 1) {
            throw new IllegalArgumentException("runs and slots must be >= 1, got " + runs + " and " + slots);
        }
        this.runs = runs;
        this.slots = slots;
        this.ensemble = ensemble > 0 ? ensemble : EnsembleShape.DEFAULT_SIZE;
        this.overrides = List.copyOf(overrides);
        this.out = out;
    }

    /** The benchmark's plan: one base (BASE, then the overrides), seeds 1..runs. */
    SweepPlan plan(SpecCodec codec) throws SpecException {
        return plan(codec, "bench", runs, List.of());
    }

    private SweepPlan plan(SpecCodec codec, String name, int seeds, List<String> last) throws SpecException {
        List<String> sets = new ArrayList<>(BASE);
        sets.addAll(overrides);
        sets.addAll(last);
        return new SweepLoader(codec).load("sweep: " + name + "\nseeds: " + seeds + "\nbase: {}\n", "bench --sweep", sets);
    }

    /** Times of the sweep's Spark jobs and tasks, from the events Spark posts (epoch ms). */
    private static final class JobClock extends SparkListener {
        private final AtomicLong firstJobStart = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong lastJobEnd = new AtomicLong(Long.MIN_VALUE);
        private final AtomicInteger jobsEnded = new AtomicInteger();
        private final AtomicLong taskMs = new AtomicLong();
        private final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void onJobStart(SparkListenerJobStart e) {
            firstJobStart.accumulateAndGet(e.time(), Math::min);
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd e) {
            lastJobEnd.accumulateAndGet(e.time(), Math::max);
            jobsEnded.incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            taskMs.addAndGet(e.taskInfo().finishTime() - e.taskInfo().launchTime());
            tasks.incrementAndGet();
        }

        /** Waits (up to 10 s) until Spark's asynchronous event bus has delivered the end of a job. */
        boolean awaitJobEnd() throws InterruptedException {
            for (int i = 0; i < 1000 && jobsEnded.get() == 0; i++) {
                Thread.sleep(10);
            }
            return jobsEnded.get() > 0;
        }
    }

    void run() throws SpecException, IOException, InterruptedException, OutputConflictException, SchemaConflictException,
            org.dalesweep.spark.OutputLockedException {
        SpecCodec codec = new SpecCodec();
        SweepPlan plan = plan(codec);
        RunExecutor executor = new TrainerExecutor();
        PlannedRun first = plan.runs().get(0);
        out.printf(Locale.ROOT, "bench --sweep: %d runs of %s, %d slot(s); warm-up run (untimed)...%n", runs,
                plan.sweep().base(), slots);
        out.flush();
        executor.train(first.spec(), false);

        ResidentMemory.resetPeak();
        OptionalLong idleSequential = ResidentMemory.kilobytes("VmRSS");
        double sequentialTrain = 0;
        long t0 = System.nanoTime();
        for (PlannedRun r : plan.runs()) {
            RunResult result = executor.train(r.spec(), false);
            sequentialTrain += result.ending().seconds();
            out.printf(Locale.ROOT, "sequential %s: %s in %.2f s%n", r.runId(), result.ending().status(), result.ending().seconds());
            out.flush();
        }
        double sequential = seconds(t0);
        OptionalLong peakSequential = ResidentMemory.kilobytes("VmHWM");

        RunCommand.quietLogging();
        Path output = Files.createTempDirectory("dalesweep-bench-sweep");
        String master = "local[" + slots + "]";
        double startup;
        double sweep;
        double stop;
        SweepSummary summary;
        OptionalLong idleSweep;
        OptionalLong peakSweep;
        JobClock clock = new JobClock();
        double warmupSweep;
        long sweepStartMs;
        long sweepEndMs;
        try {
            long s0 = System.nanoTime();
            SparkSession spark = SparkSession.builder().config(SweepRunner.sparkConf(plan, master, Map.of())).getOrCreate();
            startup = seconds(s0);
            try {
                long u0 = System.nanoTime();
                sweepRunner(codec, executor).run(plan(codec, "bench_warmup", 1, List.of("training.iterations=1")),
                        output.resolve("warmup").toString(), master, Map.of(), false);
                warmupSweep = seconds(u0);
                spark.sparkContext().addSparkListener(clock);
                ResidentMemory.resetPeak();
                idleSweep = ResidentMemory.kilobytes("VmRSS");
                long w0 = System.nanoTime();
                sweepStartMs = System.currentTimeMillis();
                summary = sweepRunner(codec, executor).run(plan, output.resolve("out").toString(), master, Map.of(),
                        SweepRunner.Options.appending(false).withEnsemble(ensemble));
                sweep = seconds(w0);
                sweepEndMs = System.currentTimeMillis();
                clock.awaitJobEnd();
                peakSweep = ResidentMemory.kilobytes("VmHWM");
            } finally {
                long e0 = System.nanoTime();
                spark.stop();
                stop = seconds(e0);
            }
        } finally {
            deleteTree(output);
        }
        if (summary.present() != runs) {
            throw new IOException("the benchmark sweep left " + summary.present() + " of " + runs + " runs");
        }
        double efficiency = sequential / (slots * sweep);
        double overhead = (slots * sweep - summary.trainingSeconds()) / runs;
        boolean timedJob = clock.jobsEnded.get() > 0 && clock.tasks.get() > 0;
        double job = timedJob ? (clock.lastJobEnd.get() - clock.firstJobStart.get()) / 1e3 : Double.NaN;
        TextTable table = new TextTable("quantity", "value");
        table.row("run statuses in the sweep", summary.statusCounts().toString());
        table.row("runs per Spark task (--ensemble)", ensemble);
        table.row("sequential, this JVM: total s", sequential);
        table.row("sequential: s per run (trainer's own clock)", sequentialTrain / runs);
        table.row("Spark session start-up s (" + master + ")", startup);
        table.row("warm-up sweep s (1 run of 1 iteration: first Parquet/Hadoop use)", warmupSweep);
        table.row("sweep s (SweepRunner.run, session up, after the warm-up sweep)", sweep);
        table.row("parallel efficiency = sequential / (" + slots + " x sweep)", efficiency);
        table.row("sweep: s per run inside tasks (trainer's clock)", summary.trainingSeconds() / runs);
        table.row("in-task / sequential training time per run", summary.trainingSeconds() / sequentialTrain);
        table.row("per-task overhead s = (" + slots + " x sweep - in-task training) / runs", overhead);
        if (timedJob) {
            table.row("  of the sweep: before the Spark job s (admit, record, plan)",
                    (clock.firstJobStart.get() - sweepStartMs) / 1e3);
            table.row("  of the sweep: the Spark job s", job);
            table.row("  of the sweep: after the job s (summary)", (sweepEndMs - clock.lastJobEnd.get()) / 1e3);
            table.row("  per task: task time - in-task training s (deserialise, write Parquet)",
                    (clock.taskMs.get() / 1e3 - summary.trainingSeconds()) / clock.tasks.get());
            table.row("parallel efficiency of the job alone = sequential / (" + slots + " x job)",
                    sequential / (slots * job));
        }
        table.row("Spark session stop s", stop);
        table.row("peak RSS above start, sequential MB", megabytes(idleSequential, peakSequential));
        table.row("peak RSS above start, sweep MB", megabytes(idleSweep, peakSweep));
        out.printf(Locale.ROOT, "%ndalesweep bench --sweep: %d runs of %s (seeds 1..%d); BLAS 1 thread per run, "
                + "one warm-up run first and one warm-up sweep before the timed sweep; both sweeps write their Parquet "
                + "to a temporary directory, deleted afterwards%n",
                runs, plan.sweep().base(), runs);
        out.print(table.render());
        out.flush();
    }

    private SweepRunner sweepRunner(SpecCodec codec, RunExecutor executor) {
        return new SweepRunner(codec, executor, new PrintWriter(Writer.nullWriter()), Duration.ofHours(1));
    }

    private static String megabytes(OptionalLong idleKb, OptionalLong peakKb) {
        if (idleKb.isEmpty() || peakKb.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f", (peakKb.getAsLong() - idleKb.getAsLong()) / 1024.0);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
