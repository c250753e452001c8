package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.util.LongAccumulator;
import org.dalesweep.linalg.BlasLibrary;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same spec gives the same bits: six short real runs (two tasks; network and neuron
 * granularity; a frozen control; a twin; a diverged run; a run whose trainer throws) are trained
 * and written by the real writer ({@link RunTask} into {@link RunFiles}), read back with
 * parquet-java, and every value of {@code runs}, {@code trajectories} and {@code params} except the
 * timing column {@code seconds} is compared with {@code golden/outputs.txt}. It was first recorded
 * at commit f05b7bd, before the output schema was declared in one place (issue 17), and held
 * through that refactor; it was recorded again when the refactor was merged with the model and
 * task changes of issue 14 (alpha's own Adam, sigma_rec 0.15, the harder tasks), which change the
 * numbers on purpose. Columns added since the last recording are listed in
 * {@link #ADDED_SINCE_RECORDING} and are the only ones allowed beyond the recorded ones.
 *
 * <p>Bits are the same only with the same BLAS library and kernels (README): on a machine whose
 * {@code blas_library} differs from the recorded one the test is skipped. To record again (a
 * deliberate change of the numbers): {@code -Ddalesweep.golden.record=<path of golden/outputs.txt>} (or
 * {@code outputs-haswell.txt}, recorded at 820f742 under {@code OPENBLAS_CORETYPE=Haswell}, which these machines set).
 */
class GoldenOutputTest {

    static final String RESOURCE = recording();

    /**
     * The recording for this machine's BLAS kernels: {@code golden/outputs-<core type>.txt} where the
     * environment forces {@code OPENBLAS_CORETYPE} and such a recording exists (these machines set
     * Haswell), else {@code golden/outputs.txt} (AVX-512 kernels).
     */
    private static String recording() {
        String core = System.getenv("OPENBLAS_CORETYPE");
        String forCore = core == null || core.isBlank() ? null : "/golden/outputs-" + core.toLowerCase(java.util.Locale.ROOT) + ".txt";
        return forCore != null && GoldenOutputTest.class.getResource(forCore) != null ? forCore : "/golden/outputs.txt";
    }

    /** Columns the writer gained after the golden was recorded, by table; nothing else may be new or missing. */
    static final Map<String, Set<String>> ADDED_SINCE_RECORDING = Map.of(
            "runs", Set.of("git_commit", "git_dirty", "java_version", "os_arch", "cpu_model",
                    "loss_mixed_cost", "wrong_sign_mass_init", "wrong_sign_mass_final", "free_wrong_sign_mass_final"),
            "trajectories", Set.of(), "params", Set.of());

    @TempDir
    Path dir;

    private final SpecCodec codec = new SpecCodec();

    static List<List<String>> runs() {
        List<String> base = List.of("network.units=16", "training.iterations=30", "training.eval_every=10",
                "training.eval_batch=32", "training.batch_size=8");
        List<String> pdm = List.of("task.name=perceptual_dm", "task.fixation_ms=40", "task.stimulus_ms=200",
                "task.decision_ms=100");
        List<String> gng = List.of("task.name=go_nogo", "task.stimulus_ms=200", "task.delay_ms=100",
                "task.decision_ms=100");
        return List.of(
                concat(base, pdm, List.of("seed=1")),
                concat(base, gng, List.of("seed=2", "alpha.granularity=neuron", "alpha.param=clip",
                        "training.learning_rate=0.05")),
                concat(base, pdm, List.of("seed=3", "alpha.trainable=false", "alpha.init=1")),
                concat(base, gng, List.of("seed=4", "network.dale_map=none")),
                concat(base, pdm, List.of("seed=5", "training.diverge_loss=1e-9")),
                concat(base, gng, List.of("seed=6", "alpha.init=0.25")));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    /** The seed whose trainer throws: its FAILED row is the sweep's own, with nothing measured. */
    static final long THROWING_SEED = 6;

    @Test
    void theWriterWritesTheBitsRecordedBeforeTheSchemaWasDeclaredOnce() throws Exception {
        String dump = train();
        String record = System.getProperty("dalesweep.golden.record");
        if (record != null && !record.isBlank()) {
            Files.writeString(Path.of(record), dump, StandardCharsets.UTF_8);
            return;
        }
        String golden;
        try (var in = GoldenOutputTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                fail("no " + RESOURCE + "; record it with -Ddalesweep.golden.record=<path>");
            }
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String recordedBlas = golden.lines().filter(l -> l.startsWith("blas_library=")).findFirst().orElse("");
        Assumptions.assumeTrue(recordedBlas.equals("blas_library=" + BlasLibrary.identity()),
                "recorded with " + recordedBlas + ", this machine has " + BlasLibrary.identity());
        compare(parse(golden), parse(dump));
    }

    /** Trains the runs through the real task body and dumps what landed on disk. */
    private String train() throws Exception {
        List<RunSpec> specs = new ArrayList<>();
        for (List<String> sets : runs()) {
            specs.add(codec.parse("", "golden", sets));
        }
        MessageType schema = RunTables.runsSchema(specs, codec);
        RunFiles files = new RunFiles(dir.toString(), new Configuration());
        RunTask.SweepCounters counters = new RunTask.SweepCounters(new LongAccumulator(), new LongAccumulator(),
                new LongAccumulator());
        TrainerExecutor real = new TrainerExecutor();
        RunExecutor executor = (spec, keep) -> {
            if (spec.seed() == THROWING_SEED) {
                throw new IllegalStateException("golden: the trainer throws");
            }
            return real.train(spec, keep);
        };
        RunTask task = new RunTask(dir.toString(), null, "golden", schema, true, executor, counters);
        StringBuilder out = new StringBuilder();
        out.append("blas_library=").append(BlasLibrary.identity()).append('\n');
        for (RunSpec spec : specs) {
            task.run(codec.canonicalJson(spec), files, codec, schema);
            String id = codec.runId(spec);
            dump(out, "runs " + id, RunTablesTest.readAll(files.runFile(id, spec.task().name())));
            dump(out, "trajectories " + id, RunTablesTest.readAll(files.trajectoryFile(id)));
            if (files.fileSystem().exists(files.paramsFile(id))) {
                dump(out, "params " + id, RunTablesTest.readAll(files.paramsFile(id)));
            }
        }
        return out.toString();
    }

    /** One line per row: {@code [table id #row] column=value ...}, every column but seconds, by name. */
    private static void dump(StringBuilder out, String what, List<Group> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Group g = rows.get(i);
            out.append('[').append(what).append(" #").append(i).append(']');
            GroupType t = g.getType();
            for (Type f : new TreeMap<String, Type>(t.getFields().stream()
                    .collect(Collectors.toMap(Type::getName, f -> f))).values()) {
                if (f.getName().equals("seconds") || f.getName().equals("blas_library")) {
                    continue;
                }
                out.append(' ').append(f.getName()).append('=').append(value(g, f));
            }
            out.append('\n');
        }
    }

    private static String value(Group g, Type f) {
        String n = f.getName();
        if (g.getFieldRepetitionCount(n) == 0) {
            return "null";
        }
        if (!f.isPrimitive()) {
            Group list = g.getGroup(n, 0);
            int k = list.getFieldRepetitionCount("list");
            List<String> xs = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                xs.add(Double.toString(list.getGroup("list", j).getDouble("element", 0)));
            }
            return "[" + String.join(";", xs) + "]";
        }
        return switch (f.asPrimitiveType().getPrimitiveTypeName()) {
            case DOUBLE -> Double.toString(g.getDouble(n, 0));
            case INT32 -> Integer.toString(g.getInteger(n, 0));
            case INT64 -> Long.toString(g.getLong(n, 0));
            case BOOLEAN -> Boolean.toString(g.getBoolean(n, 0));
            default -> "'" + g.getString(n, 0).replace("\n", "\\n") + "'";
        };
    }

    /** Row label to column to value, from a dump. */
    private static Map<String, Map<String, String>> parse(String dump) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : dump.lines().toList()) {
            if (!line.startsWith("[")) {
                continue;
            }
            int close = line.indexOf(']');
            Map<String, String> columns = new TreeMap<>();
            String rest = line.substring(close + 1).trim();
            // values are quoted strings (which may hold spaces) or space-free tokens
            int i = 0;
            while (i < rest.length()) {
                int eq = rest.indexOf('=', i);
                String name = rest.substring(i, eq);
                int end;
                if (rest.charAt(eq + 1) == '\'') {
                    end = rest.indexOf("' ", eq + 2);
                    end = end < 0 ? rest.length() : end + 1;
                } else {
                    end = rest.indexOf(' ', eq + 1);
                    end = end < 0 ? rest.length() : end;
                }
                columns.put(name, rest.substring(eq + 1, end));
                i = end + 1;
            }
            rows.put(line.substring(1, close), columns);
        }
        return rows;
    }

    private static void compare(Map<String, Map<String, String>> golden, Map<String, Map<String, String>> now) {
        assertEquals(golden.keySet(), now.keySet(), "the same runs, tables and rows");
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> row : golden.entrySet()) {
            Map<String, String> current = now.get(row.getKey());
            for (Map.Entry<String, String> c : row.getValue().entrySet()) {
                String value = current.get(c.getKey());
                if (!c.getValue().equals(value)) {
                    differences.add(row.getKey() + " " + c.getKey() + ": recorded " + c.getValue() + ", now " + value);
                }
            }
            for (String c : current.keySet()) {
                String table = row.getKey().substring(0, row.getKey().indexOf(' '));
                if (!row.getValue().containsKey(c) && !ADDED_SINCE_RECORDING.get(table).contains(c)) {
                    differences.add(row.getKey() + " " + c + ": a column not recorded and not declared as added");
                }
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences from the recorded output:\n"
                    + differences.stream().limit(40).collect(Collectors.joining("\n")));
        }
    }
}
