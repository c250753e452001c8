package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/dalesweep} on the packaged build: its choice of OpenBLAS
 * ({@code DALESWEEP_OPENBLAS}), seen from inside the JVM by which library serves cblas_sgemm.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "dalesweep").toAbsolutePath().normalize();
    private static final Path DEBIAN_OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0");
    private static final String[] TINY_BENCH = {"bench", "--configs", "16x4x10", "--warmup", "1", "--iterations", "2",
        "--no-memory"};

    @TempDir
    Path cache;

    private record Launch(int exitCode, String out, String err) {
    }

    private Launch launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DALESWEEP_OPENBLAS");
        pb.environment().remove("LD_PRELOAD");
        pb.environment().put("DALESWEEP_NATIVE_CACHE", cache.toString());
        pb.environment().putAll(env);
        Path out = cache.resolve("out.txt");
        Path err = cache.resolve("err.txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish in 120 s");
        return new Launch(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String provider(Launch l) {
        return l.out().lines().filter(s -> s.startsWith("BLAS: cblas_sgemm from ")).findFirst()
                .orElseThrow(() -> new AssertionError("no BLAS line in:\n" + l.out() + l.err()))
                .substring("BLAS: cblas_sgemm from ".length());
    }

    @Test
    void byDefaultTheProductsRunOnTheOpenBlasNd4jShips() throws Exception {
        Launch l = launch(Map.of(), TINY_BENCH);
        assertEquals(0, l.exitCode(), l.err());
        String lib = provider(l);
        assertTrue(lib.startsWith(cache.toString()), "expected the bundled library under the native cache, got " + lib);
    }

    @Test
    void anOpenBlasThatIsNotThereIsRefusedWithExitTwoNamingTheSetting() throws Exception {
        Launch l = launch(Map.of("DALESWEEP_OPENBLAS", "/nonexistent/libopenblas.so.0"), TINY_BENCH);
        assertEquals(2, l.exitCode());
        assertTrue(l.err().contains("DALESWEEP_OPENBLAS=/nonexistent/libopenblas.so.0"), l.err());
        assertTrue(l.out().isEmpty(), l.out());
    }

    @Test
    void withTheSystemOpenBlasTheProductsRunOnItAndLapackStillWorks() throws Exception {
        assumeTrue(Files.exists(DEBIAN_OPENBLAS), "no " + DEBIAN_OPENBLAS + " (apt-get install libopenblas0-pthread)");
        // with the memory probe: a child JVM per configuration, i.e. the JDK's process reaper thread,
        // whose small stack two preloaded OpenBLAS libraries' static TLS overflowed (exit 139)
        Launch bench = launch(Map.of("DALESWEEP_OPENBLAS", "system"), "bench", "--configs", "16x4x10", "--warmup", "1",
                "--iterations", "2");
        assertEquals(0, bench.exitCode(), bench.err());
        assertTrue(bench.out().contains("peak RSS MB"), bench.out());
        String lib = provider(bench);
        assertEquals(DEBIAN_OPENBLAS.toRealPath().toString(), lib);

        // eigenvalues (LAPACKE, from the bundled library preloaded second) in the run summary
        Launch train = launch(Map.of("DALESWEEP_OPENBLAS", "system"), "train", "--set", "network.units=16",
                "--set", "training.iterations=5", "--set", "training.eval_every=5");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("spectral radius"), train.out());
        assertFalse(train.err().contains("symbol lookup error"), train.err());
    }
}
