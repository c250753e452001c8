package org.dalesweep.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small sweep files the CLI and cluster tests train: a few units, a few iterations, a grid over
 * alpha.init, and optional extra lines ({@code controls: true}, {@code save_params: true}, axes).
 */
public final class TinySweeps {
    private TinySweeps() {
    }

    /** The YAML of sweep {@code name} with {@code seeds} seeds over alpha.init {@code levels} (e.g. "0.1, 0.5"). */
    public static String yaml(String name, int seeds, int units, String levels, String... extraLines) {
        return build(name, seeds, "", units, "iterations: 20, eval_every: 10", levels, extraLines);
    }

    /**
     * As {@link #yaml}, on perceptual_dm trials shortened to 340 ms (fixation 40, stimulus 200,
     * decision 100), batches of 8, {@code iterations} iterations evaluated every 10 on
     * {@code evalBatch} trials; {@code extraLines} may add grid axes (indented) and top-level keys.
     */
    public static String shortTrials(String name, int seeds, int units, int iterations, int evalBatch, String levels,
                                     String... extraLines) {
        return build(name, seeds, "  task: {fixation_ms: 40, stimulus_ms: 200, decision_ms: 100}\n", units,
                "iterations: " + iterations + ", eval_every: 10, batch_size: 8, eval_batch: " + evalBatch, levels,
                extraLines);
    }

    /** Writes {@code text} to {@code dir/name.yaml} and returns that file. */
    public static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, text);
        return f;
    }

    /** The arguments of {@code run FILE --out OUT} on local Spark (2 threads, 3 attempts a task, no UI), then {@code more}. */
    public static String[] localRunArgs(Path file, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(file.toString(), "--out", out.toString(), "--master", "local[2,3]",
                "--conf", "spark.ui.enabled=false", "--progress-seconds", "1"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static String build(String name, int seeds, String task, int units, String training, String levels,
                                String... extraLines) {
        StringBuilder sb = new StringBuilder()
                .append("sweep: ").append(name).append('\n')
                .append("seeds: ").append(seeds).append('\n')
                .append("base:\n").append(task)
                .append("  network: {units: ").append(units).append("}\n")
                .append("  training: {").append(training).append("}\n")
                .append("grid:\n")
                .append("  alpha.init: [").append(levels).append("]\n");
        for (String line : extraLines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
