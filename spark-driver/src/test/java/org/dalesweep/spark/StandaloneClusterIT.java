package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded application jar on a real Spark standalone cluster on 127.0.0.1 — a Master and two
 * Workers started from Spark's own jars (copied by the build into target/spark-jars, used as
 * SPARK_HOME/jars) — submitted through {@code org.apache.spark.deploy.SparkSubmit} with a tiny
 * sweep and the real trainer. Every process it starts is killed afterwards, with its descendants.
 */
@Tag("cluster")
class StandaloneClusterIT {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process start(Path home, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(Arrays.stream(System.getProperty("spark.jvm.opens", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        String log4j = System.getProperty("log4j2.configurationFile");
        if (log4j != null) {
            cmd.add("-Dlog4j2.configurationFile=" + log4j);
        }
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + File.separator + "*");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + limit);
            }
            Thread.sleep(500);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int aliveWorkers(int uiPort) {
        try {
            String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            var m = java.util.regex.Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(json);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Test
    void shadedJarRunsASweepOnAStandaloneClusterThroughSparkSubmit() throws Exception {
        Path jar = Path.of(System.getProperty("dalesweep.jar", "target/dalesweep.jar"));
        Path sparkJars = Path.of(System.getProperty("dalesweep.sparkJars", "target/spark-jars"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built: " + jar);
        assertTrue(Files.isDirectory(sparkJars), "Spark's jars are copied: " + sparkJars);
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createSymbolicLink(home.resolve("jars"), sparkJars.toAbsolutePath());

        int masterPort = freePort();
        int masterUi = freePort();
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        Process master = start(home, "master", List.of("org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUi)));
        await("the master", Duration.ofMinutes(3), () -> listening(masterPort) || !master.isAlive());
        assertTrue(master.isAlive(), log("master"));
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(dir.resolve("work" + w));
            start(home, "worker" + w, List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                    "--cores", "1", "--memory", "2g", "--work-dir", work.toString(), masterUrl));
        }
        await("two workers", Duration.ofMinutes(3), () -> aliveWorkers(masterUi) == 2);

        Path sweep = dir.resolve("cluster.yaml");
        Files.writeString(sweep, """
                sweep: cluster
                seeds: 2
                base:
                  task: {fixation_ms: 40, stimulus_ms: 200, decision_ms: 100}
                  network: {units: 8}
                  training: {iterations: 20, eval_every: 10, batch_size: 8, eval_batch: 16}
                grid:
                  alpha.init: [0.3, 0.7]
                """);
        Path out = dir.resolve("out");
        Process submit = start(home, "submit", List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--class", "org.dalesweep.cli.Main",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1",
                jar.toAbsolutePath().toString(), "run", sweep.toString(), "--out", out.toString(), "--progress-seconds", "5"));
        assertTrue(submit.waitFor(10, TimeUnit.MINUTES), "spark-submit finished\n" + log("submit"));
        assertEquals(0, submit.exitValue(), log("submit"));
        String driverLog = log("submit");
        assertTrue(driverLog.contains("[cluster] 4/4 done"), driverLog);

        List<Group> rows = OutputCheck.runRows(out);
        assertEquals(4, rows.size(), driverLog);
        assertEquals(4, rows.stream().map(g -> g.getString("run_id", 0)).distinct().count());
        assertEquals(Set.of("COMPLETED"), rows.stream().map(g -> g.getString("status", 0)).collect(Collectors.toSet()),
                rows.stream().map(g -> g.getString("message", 0)).collect(Collectors.joining("\n")));
        for (Group g : rows) {
            double a = g.getDouble("alpha_final", 0);
            assertTrue(a >= 0 && a <= 1, "alpha_final " + a);
        }
        for (int w = 1; w <= 2; w++) {
            try (Stream<Path> apps = Files.list(dir.resolve("work" + w))) {
                assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")),
                        "worker " + w + " ran an executor of the application\n" + log("worker" + w));
            }
        }
    }
}
