package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad input to {@code validate}, {@code run}, {@code train}, {@code sql} and {@code analyze}
 * through the {@code dalesweep} entry point, in-process: malformed files, missing paths, a
 * directory where a file is expected and a file where a directory is expected, unknown flags and
 * malformed flag values. Each is answered on stderr by one line naming the offending path or flag
 * (a sweep file's problem list: its header line naming the file, then the problem), a non-zero exit
 * code, no stack trace, and nothing written where an output was asked for.
 * Placeholders in the arguments: {@code @bad} (malformed sweep YAML), {@code @good} (a valid
 * sweep), {@code @specbad} (malformed run spec), {@code @missing}, {@code @dir}, {@code @file},
 * {@code @runsfile} (an output whose runs is a file), {@code @damaged} (an output whose only runs
 * file is not Parquet), {@code @out} (a fresh output path for the case).
 */
@Tag("spark")
class BadInputTest {

    @TempDir
    static Path tmp;

    record Outcome(int exit, String out, String err) {
    }

    @BeforeAll
    static void fixtures() throws Exception {
        Files.writeString(tmp.resolve("bad.yaml"), "sweep: [unclosed\n  grid: {\n");
        Files.writeString(tmp.resolve("good.yaml"), "sweep: good\nseeds: 1\nbase: {network: {units: 4}, training: {iterations: 2}}\n");
        Files.writeString(tmp.resolve("specbad.yaml"), "network: {units: [\n");
        Files.createDirectories(tmp.resolve("dir"));
        Files.writeString(tmp.resolve("file"), "a file, not a directory\n");
        Files.createDirectories(tmp.resolve("runsfile"));
        Files.writeString(tmp.resolve("runsfile/runs"), "a file, not the runs directory\n");
        Files.createDirectories(tmp.resolve("damaged/runs/task=x"));
        Files.writeString(tmp.resolve("damaged/runs/task=x/run-00.parquet"), "not parquet at all\n");
    }

    @AfterAll
    static void stopSpark() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    private static String resolve(String arg, String name) {
        if (arg.equals("@out")) {
            return tmp.resolve("out-" + name).toString();
        }
        for (String p : List.of("bad", "good", "specbad", "missing", "dir", "file", "runsfile", "damaged")) {
            if (arg.startsWith("@" + p + ".") || arg.equals("@" + p) || arg.startsWith("@" + p + "/")) {
                String base = p.endsWith("bad") || p.equals("good") ? p + ".yaml" : p;
                return tmp.resolve(base) + arg.substring(1 + p.length());
            }
        }
        return arg;
    }

    /** Runs {@code dalesweep ARGS} as Main does, capturing its streams. */
    static Outcome dalesweep(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("validate malformed YAML", "@bad", 2, List.of("validate", "@bad")),
                Arguments.of("validate missing file", "@missing", 2, List.of("validate", "@missing")),
                Arguments.of("validate directory as file", "@dir", 2, List.of("validate", "@dir")),
                Arguments.of("validate unknown flag", "--bogus", 2, List.of("validate", "@good", "--bogus")),
                Arguments.of("validate no file", "FILE", 2, List.of("validate")),
                Arguments.of("validate malformed value", "many", 2, List.of("validate", "@good", "--show", "many")),
                Arguments.of("run malformed YAML", "@bad", 2, List.of("run", "@bad", "--out", "@out")),
                Arguments.of("run missing file", "@missing", 2, List.of("run", "@missing", "--out", "@out")),
                Arguments.of("run directory as file", "@dir", 2, List.of("run", "@dir", "--out", "@out")),
                Arguments.of("run output is a file", "@file", 2, List.of("run", "@good", "--out", "@file")),
                Arguments.of("run output under a file", "@file/sub", 2, List.of("run", "@good", "--out", "@file/sub")),
                Arguments.of("run unknown flag", "--bogus", 2, List.of("run", "@good", "--out", "@out", "--bogus")),
                Arguments.of("run malformed number", "abc", 2,
                        List.of("run", "@good", "--out", "@out", "--progress-seconds", "abc")),
                Arguments.of("run malformed conf", "novalue", 2, List.of("run", "@good", "--out", "@out", "--conf", "novalue")),
                Arguments.of("run unknown key", "network.unitz", 2,
                        List.of("run", "@good", "--out", "@out", "--set", "network.unitz=3")),
                Arguments.of("train malformed YAML", "@specbad", 2, List.of("train", "@specbad")),
                Arguments.of("train missing file", "@missing", 2, List.of("train", "@missing")),
                Arguments.of("train directory as file", "@dir", 2, List.of("train", "@dir")),
                Arguments.of("train unknown flag", "--bogus", 2, List.of("train", "--bogus")),
                Arguments.of("train unknown key", "network.unitz", 2, List.of("train", "--dry-run", "--set", "network.unitz=3")),
                Arguments.of("train malformed override", "novalue", 2, List.of("train", "--dry-run", "--set", "novalue")),
                Arguments.of("sql missing output", "@missing", 2, List.of("sql", "--in", "@missing", "SELECT 1")),
                Arguments.of("sql output is a file", "@file", 2, List.of("sql", "--in", "@file", "SELECT 1")),
                Arguments.of("sql runs is a file", "@runsfile/runs", 2, List.of("sql", "--in", "@runsfile", "SELECT 1")),
                Arguments.of("sql damaged file", "@damaged/runs/task=x/run-00.parquet", 2,
                        List.of("sql", "--in", "@damaged", "SELECT 1")),
                Arguments.of("sql unknown flag", "--bogus", 2, List.of("sql", "--in", "@dir", "--bogus", "SELECT 1")),
                Arguments.of("sql no output", "--in", 2, List.of("sql", "SELECT 1")),
                Arguments.of("sql no query", "QUERY", 2, List.of("sql", "--in", "@dir")),
                Arguments.of("analyze missing output", "@missing", 2, List.of("analyze", "--in", "@missing")),
                Arguments.of("analyze output is a file", "@file", 2, List.of("analyze", "--in", "@file")),
                Arguments.of("analyze damaged file", "@damaged/runs/task=x/run-00.parquet", 2,
                        List.of("analyze", "--in", "@damaged")),
                Arguments.of("analyze unknown flag", "--bogus", 2, List.of("analyze", "--in", "@dir", "--bogus")),
                Arguments.of("analyze malformed number", "lots", 2, List.of("analyze", "--in", "@dir", "--bench-points", "lots")),
                Arguments.of("analyze no output", "--in", 2, List.of("analyze")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsNamedOnOneLineWithANonZeroExitNoStackTraceAndNothingWritten(String name, String offending, int exit,
                                                                                List<String> args) throws Exception {
        String key = name.replace(' ', '-');
        String named = resolve(offending, key);
        byte[] fileBefore = Files.readAllBytes(tmp.resolve("file"));
        Outcome r = dalesweep(args.stream().map(a -> resolve(a, key)).toArray(String[]::new));
        assertEquals(exit, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(named), "stderr names " + named + ":\n" + r.err() + "\n--- out:\n" + r.out());
        assertTrue(r.err().lines().count() <= 2, "one line (a sweep file's problem list: a header and the problem):\n" + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"), "no stack trace:\n" + r.err());
        assertFalse(Files.exists(tmp.resolve("out-" + key)), "no output written");
        assertTrue(Arrays.equals(fileBefore, Files.readAllBytes(tmp.resolve("file"))), "the file given as a directory is untouched");
        assertFalse(Files.exists(tmp.resolve("dir/report")) || Files.exists(tmp.resolve("damaged/report")), "no report written");
    }

    @Test
    void unreadableFilesAndDirectoriesAreNamedWhereChmodBites() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.yaml"), Files.readString(tmp.resolve("good.yaml")));
        Path locked = Files.createDirectories(tmp.resolve("locked/runs/task=x"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(tmp.resolve("locked"), PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(secret), "running as root: chmod 000 does not stop reading");
            Outcome v = dalesweep("validate", secret.toString());
            assertEquals(2, v.exit());
            assertTrue(v.err().lines().findFirst().orElse("").contains(secret.toString()), v.err());
            Outcome s = dalesweep("sql", "--in", tmp.resolve("locked").toString(), "SELECT 1");
            assertEquals(2, s.exit(), s.err());
            assertTrue(s.err().contains(tmp.resolve("locked") + ": permission denied"), s.err());
            Outcome o = dalesweep("run", tmp.resolve("good.yaml").toString(), "--out", tmp.resolve("locked/out").toString());
            assertTrue(o.exit() != 0 && o.err().contains(tmp.resolve("locked/out").toString()), o.err());
            for (Outcome x : List.of(v, s, o)) {
                assertFalse(x.err().contains("\tat "), x.err());
            }
        } finally {
            Files.setPosixFilePermissions(tmp.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
        assertFalse(Files.exists(locked.resolve("../../out")));
    }
}
