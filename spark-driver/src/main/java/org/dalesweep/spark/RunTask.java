package org.dalesweep.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dalesweep.Version;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.train.Failures;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;
import org.dalesweep.train.Trainer;

/**
 * The body of one Spark task: up to K runs of one shape (an ensemble, issue 21; one run with
 * {@code --ensemble 1}). It parses each run's canonical JSON, skips the runs already committed,
 * trains the rest together ({@link RunExecutor#trainTogether}) and writes each run's files through
 * {@link RunFiles} as soon as that run ends, so a killed task loses only its runs still training.
 * A run's failure (anything thrown while training it) is that run's FAILED row, never the task's;
 * only an I/O failure fails the task, so that Spark retries it, and the retry skips the runs
 * already written.
 */
final class RunTask implements FlatMapFunction<List<String>, RunOutcome> {
    private static final long serialVersionUID = 1L;

    private final String outputRoot;
    private final Broadcast<HashMap<String, String>> hadoopSettings;
    private final String sweep;
    private final String runsSchema;
    private final boolean saveParams;
    private final RunExecutor executor;
    private final SweepCounters counters;

    RunTask(String outputRoot, Broadcast<HashMap<String, String>> hadoopSettings, String sweep, MessageType runsSchema,
            boolean saveParams, RunExecutor executor, SweepCounters counters) {
        this.outputRoot = outputRoot;
        this.hadoopSettings = hadoopSettings;
        this.sweep = sweep;
        this.runsSchema = runsSchema.toString();
        this.saveParams = saveParams;
        this.executor = executor;
        this.counters = counters;
    }

    @Override
    public Iterator<RunOutcome> call(List<String> specJsons) throws IOException, SpecException {
        Configuration conf = new Configuration(false);
        for (Map.Entry<String, String> e : hadoopSettings.value().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return run(specJsons, new RunFiles(outputRoot, conf), new SpecCodec(),
                MessageTypeParser.parseMessageType(runsSchema)).iterator();
    }

    /** One run against the given output; separated from Spark so it can be exercised directly. */
    RunOutcome run(String specJson, RunFiles files, SpecCodec codec, MessageType schema) throws IOException, SpecException {
        return run(List.of(specJson), files, codec, schema).get(0);
    }

    /** The runs of one task against the given output, their outcomes in the order the specs came. */
    List<RunOutcome> run(List<String> specJsons, RunFiles files, SpecCodec codec, MessageType schema)
            throws IOException, SpecException {
        Map<String, RunOutcome> outcomes = new LinkedHashMap<>();
        Map<String, RunSpec> toTrain = new LinkedHashMap<>();
        for (String json : specJsons) {
            RunSpec spec = codec.fromJson(json);
            String runId = codec.runId(spec);
            outcomes.put(runId, null);
            if (files.isDone(runId, spec.task().name())) {
                counters.done().add(1);
                outcomes.put(runId, new RunOutcome(runId, spec.task().name(), RunOutcome.ALREADY_DONE, Double.NaN, 0));
            } else {
                toTrain.put(runId, spec);
            }
        }
        if (toTrain.isEmpty()) {
            return List.copyOf(outcomes.values());
        }
        long started = System.nanoTime();
        Trainer.Finished<IOException> write = result -> {
            String runId = codec.runId(result.spec());
            outcomes.put(runId, write(result, runId, files, codec, schema));
        };
        try {
            executor.trainTogether(List.copyOf(toTrain.values()), saveParams, write);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // the ensemble itself broke: every run it had not handed over is a FAILED row
            for (Map.Entry<String, RunSpec> r : toTrain.entrySet()) {
                if (outcomes.get(r.getKey()) == null) {
                    write.accept(RunResult.failed(r.getKey(), r.getValue(), Version.get(), Failures.describe(e),
                            seconds(started)));
                }
            }
        }
        List<RunOutcome> all = new ArrayList<>(outcomes.size());
        for (Map.Entry<String, RunOutcome> o : outcomes.entrySet()) {
            RunSpec spec = toTrain.get(o.getKey());
            all.add(o.getValue() != null ? o.getValue() : new RunOutcome(o.getKey(), spec.task().name(), "FAILED",
                    Double.NaN, 0));
        }
        return all;
    }

    /** Writes one ended run's files and counts it; ALREADY_DONE when another attempt committed it first. */
    private RunOutcome write(RunResult result, String runId, RunFiles files, SpecCodec codec, MessageType schema)
            throws IOException {
        RunSpec spec = result.spec();
        String task = spec.task().name();
        String canonical = codec.canonicalJson(spec);
        boolean written = files.write(runId, task, schema,
                RunTables.runRow(schema, result, runId, sweep, canonical, codec),
                RunTables.trajectorySchema(), RunTables.trajectoryRows(RunTables.trajectorySchema(), runId, result.trajectory()),
                RunTables.paramsSchema(),
                saveParams ? RunTables.paramRows(RunTables.paramsSchema(), runId, result.params()) : null);
        counters.done().add(1);
        if (!written) {
            return new RunOutcome(runId, task, RunOutcome.ALREADY_DONE, Double.NaN, result.ending().seconds());
        }
        if (result.ending().status() == RunStatus.DIVERGED) {
            counters.diverged().add(1);
        } else if (result.ending().status() == RunStatus.FAILED) {
            counters.failed().add(1);
        }
        return new RunOutcome(runId, task, result.ending().status().name(), result.alpha().finalMean(),
                result.ending().seconds());
    }

    /** Trains one run through {@code executor}: anything thrown, or no result, becomes a FAILED result. */
    static RunResult trainSafely(RunExecutor executor, RunSpec spec, boolean keepParams) {
        long started = System.nanoTime();
        String runId = new SpecCodec().runId(spec);
        RunResult result;
        try {
            result = executor.train(spec, keepParams);
            if (result == null) {
                return RunResult.failed(runId, spec, Version.get(), "the trainer returned no result", seconds(started));
            }
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            return RunResult.failed(runId, spec, Version.get(), Failures.describe(e), seconds(started));
        }
        return result;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Driver-side counters the tasks add to, read by the progress line. */
    record SweepCounters(LongAccumulator done, LongAccumulator diverged, LongAccumulator failed)
            implements java.io.Serializable {
    }
}
