package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.parquet.example.data.Group;
import org.dalesweep.spark.OutputCheck;
import org.dalesweep.spark.TinySweeps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} and {@code train --save}: the archive is read back by a reader written here (zip,
 * .npy headers, little-endian values; not the project's own) and, where {@code /usr/bin/python3} has
 * NumPy, by NumPy itself; a forward pass written here from the exported weights, time constants and
 * noise reproduces the run's recorded held-out loss. Costs about 30 s (a 4-run sweep on local Spark,
 * a run trained again, a second JVM for Python).
 */
@Tag("spark")
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void anExportedNetworkReproducesItsRowsHeldOutLossFromSavedOrRetrainedParameters() throws Exception {
        Path sweep = dir.resolve("tiny.yaml");
        Files.writeString(sweep, TinySweeps.shortTrials("tiny", 2, 16, 40, 32, "0.3", "save_params: true"));
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of(new RunCommand(), sweep.toString(), "--out", out.toString(),
                "--conf", "spark.ui.enabled=false");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<Group> rows = OutputCheck.runRows(out);
        Group row = rows.get(0);
        String id = row.getString("run_id", 0);
        double finalLoss = row.getDouble("final_loss", 0);

        Path saved = dir.resolve("saved.npz");
        CommandRun export = CommandRun.of(new ExportCommand(), "--in", out.toString(), "--run", id, "--to", saved.toString(),
                "--activity");
        assertEquals(0, export.exitCode(), export.out() + export.err());
        Map<String, Array> z = readNpz(saved);
        assertEquals(id, z.get("run_id").text());
        assertEquals(finalLoss, z.get("final_loss").values()[0]);
        double loss = heldOutLoss(z);
        assertEquals(finalLoss, loss, 1e-5 * finalLoss, "the exported weights reproduce the row's held-out loss");
        checkWithNumpy(saved, finalLoss);

        // the same run from an output without saved parameters: trained again from spec_json, the same weights
        Path bare = dir.resolve("bare");
        Files.createDirectories(bare);
        copyTree(out.resolve("runs"), bare.resolve("runs"));
        Path again = dir.resolve("again.npz");
        CommandRun retrained = CommandRun.of(new ExportCommand(), "--in", bare.toString(), "--run", id, "--to", again.toString());
        assertEquals(0, retrained.exitCode(), retrained.out() + retrained.err());
        assertTrue(retrained.err().contains("training it again from its spec_json"), retrained.err());
        Map<String, Array> y = readNpz(again);
        for (String name : List.of("W_in", "W_dale", "W_free", "alpha", "W_out", "b_rec", "b_out")) {
            assertEquals(java.util.Arrays.toString(z.get(name).values()), java.util.Arrays.toString(y.get(name).values()), name);
        }
        assertTrue(!y.containsKey("rates"), "no activity without --activity");
    }

    @Test
    void theArchiveHoldsTheNamedArraysWithTheirShapesAndSigns() throws Exception {
        Path file = dir.resolve("net.npz");
        CommandRun train = CommandRun.of(new TrainCommand(), "--quiet", "--set", "network.units=10",
                "--set", "training.iterations=5", "--set", "alpha.granularity=neuron", "--save", file.toString());
        assertEquals(0, train.exitCode(), train.err());
        Map<String, Array> z = readNpz(file);
        assertEquals(List.of(10L, 3L), List.of(z.get("W_in").shape()[0], z.get("W_in").shape()[1]), "perceptual_dm: 3 inputs");
        assertEquals(List.of(10L, 10L), List.of(z.get("W_dale").shape()[0], z.get("W_dale").shape()[1]));
        assertEquals(10, z.get("alpha").values().length);
        assertEquals(List.of(2L, 10L), List.of(z.get("W_out").shape()[0], z.get("W_out").shape()[1]));
        double[] signs = z.get("signs").values();
        assertEquals("[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0]", java.util.Arrays.toString(signs));
        double[] dale = z.get("W_dale").values();
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                assertTrue(dale[i * 10 + j] * signs[j] >= 0, "W_dale column " + j + " has its unit's sign");
            }
        }
        assertEquals(100.0, z.get("tau_ms").values()[0]);
        assertEquals(20.0, z.get("dt_ms").values()[0]);
        JsonNode spec = new ObjectMapper().readTree(z.get("spec_json").text());
        assertEquals("neuron", spec.get("alpha").get("granularity").asText());
    }

    @Test
    void badRequestsAreOneLineExitTwoAndWriteNothing() throws Exception {
        Path out = dir.resolve("missing");
        Path to = dir.resolve("x.npz");
        for (String[] args : List.of(
                new String[] {"--in", out.toString(), "--run", "0123456789abcdef", "--to", to.toString()},
                new String[] {"--in", dir.toString(), "--run", "0123456789abcdef", "--to", dir.resolve("x.txt").toString()},
                new String[] {"--in", dir.toString(), "--run", "nothex", "--to", to.toString()},
                new String[] {"--in", dir.toString(), "--run", "0123456789abcdef", "--to", to.toString()})) {
            CommandRun r = CommandRun.of(new ExportCommand(), args);
            assertEquals(2, r.exitCode(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("dalesweep export: --"), r.err());
        }
        Files.writeString(to, "mine");
        CommandRun r = CommandRun.of(new TrainCommand(), "--save", to.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("mine", Files.readString(to), "an existing file is never overwritten");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(to), s.toList(), "nothing else written");
        }
    }

    // ------------------------------------------------------------------ an independent reader and forward pass

    /** One array: its dtype, shape and values (as doubles), or its text for a 0-d string. */
    record Array(String descr, long[] shape, double[] values, String text) {
    }

    private static final Pattern HEADER = Pattern.compile(
            "'descr': '([^']+)', 'fortran_order': (False|True), 'shape': \\(([^)]*)\\)");

    static Map<String, Array> readNpz(Path file) throws Exception {
        Map<String, Array> out = new HashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals("\u0093NUMPY", new String(bytes, 0, 6, StandardCharsets.ISO_8859_1));
                int headerLength = bytes[6] == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
                int start = (bytes[6] == 1 ? 10 : 12) + headerLength;
                Matcher m = HEADER.matcher(new String(bytes, 0, start, StandardCharsets.ISO_8859_1));
                assertTrue(m.find(), e.getName());
                assertEquals("False", m.group(2));
                long[] shape = java.util.Arrays.stream(m.group(3).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .mapToLong(Long::parseLong).toArray();
                String descr = m.group(1);
                int count = (int) java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y);
                double[] values = new double[descr.startsWith("<U") ? 0 : count];
                String text = null;
                for (int i = 0; i < values.length; i++) {
                    values[i] = switch (descr) {
                        case "<f8" -> b.getDouble(start + 8 * i);
                        case "<f4" -> b.getFloat(start + 4 * i);
                        case "<i8" -> b.getLong(start + 8 * i);
                        case "|i1" -> b.get(start + i);
                        default -> throw new AssertionError("dtype " + descr);
                    };
                }
                if (descr.startsWith("<U")) {
                    ByteArrayOutputStream utf32 = new ByteArrayOutputStream();
                    utf32.write(bytes, start, bytes.length - start);
                    text = new String(utf32.toByteArray(), "UTF-32LE").replace("\0", "");
                }
                out.put(e.getName().replace(".npy", ""), new Array(descr, shape, values, text));
            }
        }
        return out;
    }

    /**
     * The held-out MSE from the archive alone: v += g (W_rec r + W_in u + b_rec + n xi - v), r = relu(v),
     * z = W_out r + b_out, with g = 1 - e^{-dt/tau} and g n = sigma_rec sqrt(1 - e^{-2 dt/tau}) (the exact integrator).
     */
    static double heldOutLoss(Map<String, Array> z) {
        long[] s = z.get("noise").shape();
        int trials = (int) s[0];
        int steps = (int) s[1];
        int n = (int) s[2];
        int nIn = (int) z.get("inputs").shape()[2];
        int nOut = (int) z.get("targets").shape()[2];
        double[] alpha = z.get("alpha").values();
        double[] dale = z.get("W_dale").values();
        double[] free = z.get("W_free").values();
        double[] wIn = z.get("W_in").values();
        double[] wOut = z.get("W_out").values();
        double[] bRec = z.get("b_rec").values();
        double[] bOut = z.get("b_out").values();
        double[] tau = z.get("tau_ms").values();
        double dt = z.get("dt_ms").values()[0];
        double sigma = z.get("sigma_rec").values()[0];
        double[] u = z.get("inputs").values();
        double[] xi = z.get("noise").values();
        double[] y = z.get("targets").values();
        double[] m = z.get("mask").values();
        double sum = 0;
        double weight = 0;
        for (int b = 0; b < trials; b++) {
            double[] v = new double[n];
            double[] r = new double[n];
            for (int t = 0; t < steps; t++) {
                double[] next = new double[n];
                for (int i = 0; i < n; i++) {
                    double h = bRec[i];
                    for (int j = 0; j < n; j++) {
                        h += (alpha[j] * dale[i * n + j] + (1 - alpha[j]) * free[i * n + j]) * r[j];
                    }
                    for (int c = 0; c < nIn; c++) {
                        h += wIn[i * nIn + c] * u[(b * steps + t) * nIn + c];
                    }
                    double k = dt / tau[i];
                    double g = -Math.expm1(-k);
                    double noise = sigma * Math.sqrt(-Math.expm1(-2 * k)) / g;
                    v[i] += g * (h + noise * xi[(b * steps + t) * n + i] - v[i]);
                    next[i] = Math.max(v[i], 0);
                }
                r = next;
                for (int c = 0; c < nOut; c++) {
                    double out = bOut[c];
                    for (int j = 0; j < n; j++) {
                        out += wOut[c * n + j] * r[j];
                    }
                    int e = (b * steps + t) * nOut + c;
                    sum += m[e] * (out - y[e]) * (out - y[e]);
                    weight += m[e];
                }
            }
        }
        return sum / weight;
    }

    /** The same loss computed by NumPy, where /usr/bin/python3 imports it (skipped otherwise). */
    private static void checkWithNumpy(Path file, double finalLoss) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3 without numpy");
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "assert json.loads(str(z['spec_json']))['task']['name'] == 'perceptual_dm'",
                "W = z['alpha'][None, :] * z['W_dale'] + (1 - z['alpha'][None, :]) * z['W_free']",
                "k = float(z['dt_ms']) / z['tau_ms']; g = -np.expm1(-k)",
                "n = float(z['sigma_rec']) * np.sqrt(-np.expm1(-2 * k)) / g",
                "u, xi = z['inputs'].astype(float), z['noise'].astype(float)",
                "v = np.zeros((xi.shape[0], xi.shape[2])); r = np.maximum(v, 0); out = []",
                "for t in range(xi.shape[1]):",
                "    v = v + g * (r @ W.T + u[:, t] @ z['W_in'].T + z['b_rec'] + n * xi[:, t] - v)",
                "    r = np.maximum(v, 0); out.append(r @ z['W_out'].T + z['b_out'])",
                "o = np.stack(out, 1); m = z['mask']",
                "print(repr(float((m * (o - z['targets']) ** 2).sum() / m.sum())))");
        Process p = new ProcessBuilder(python.toString(), "-c", script, file.toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), printed);
        assertEquals(finalLoss, Double.parseDouble(printed), 1e-5 * finalLoss, "NumPy's loss from the export");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
