package org.dalesweep.spark;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dalesweep.Version;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.train.Failures;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;

/**
 * The body of one Spark task: parse the run's canonical JSON, skip it if already committed,
 * train it (anything thrown becomes a FAILED result, never a failed task), and write its files
 * through {@link RunFiles}. Only an I/O failure fails the task, so that Spark retries it.
 */
final class RunTask implements Function<String, RunOutcome> {
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
    public RunOutcome call(String specJson) throws IOException, SpecException {
        Configuration conf = new Configuration(false);
        for (Map.Entry<String, String> e : hadoopSettings.value().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return run(specJson, new RunFiles(outputRoot, conf), new SpecCodec(), MessageTypeParser.parseMessageType(runsSchema));
    }

    /** One run against the given output; separated from Spark so it can be exercised directly. */
    RunOutcome run(String specJson, RunFiles files, SpecCodec codec, MessageType schema) throws IOException, SpecException {
        RunSpec spec = codec.fromJson(specJson);
        String runId = codec.runId(spec);
        String task = spec.task().name();
        if (files.isDone(runId, task)) {
            counters.done().add(1);
            return new RunOutcome(runId, task, RunOutcome.ALREADY_DONE, Double.NaN, 0);
        }
        RunResult result = trainSafely(spec, runId);
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

    private RunResult trainSafely(RunSpec spec, String runId) {
        long started = System.nanoTime();
        RunResult result;
        try {
            result = executor.train(spec, saveParams);
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
