package org.dalesweep.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback addresses for integration tests: a Master on
 * 127.0.0.1 and one single-core Worker per given address, started from Spark's own jars (copied by
 * the build into target/spark-jars, used as SPARK_HOME/jars), and applications submitted through
 * {@code org.apache.spark.deploy.SparkSubmit}. Workers on distinct addresses (127.0.0.1,
 * 127.0.0.2) count as distinct hosts, which speculative execution needs. Every process it starts
 * is killed on close, with its descendants (a Worker's executors).
 */
final class StandaloneCluster implements AutoCloseable {

    private final Path dir;
    private final Path home;
    private final List<Process> started = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final String masterUrl;

    private StandaloneCluster(Path dir, Path home, String masterUrl) {
        this.dir = dir;
        this.home = home;
        this.masterUrl = masterUrl;
    }

    /** Starts a Master and one Worker per address and waits until every Worker has registered. */
    static StandaloneCluster start(Path dir, String... workerAddresses) throws IOException, InterruptedException {
        Path sparkJars = Path.of(System.getProperty("dalesweep.sparkJars", "target/spark-jars"));
        if (!Files.isDirectory(sparkJars)) {
            throw new IllegalStateException("Spark's jars are not copied to " + sparkJars + ": run mvn package first");
        }
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createSymbolicLink(home.resolve("jars"), sparkJars.toAbsolutePath());
        int masterPort = freePort();
        int masterUi = freePort();
        StandaloneCluster c = new StandaloneCluster(dir, home, "spark://127.0.0.1:" + masterPort);
        try {
            Process master = c.start("master", "127.0.0.1", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUi)));
            await("the master\n" + c.log("master"), Duration.ofMinutes(3), () -> listening(masterPort) || !master.isAlive());
            if (!master.isAlive()) {
                throw new IllegalStateException("the master died:\n" + c.log("master"));
            }
            for (int w = 0; w < workerAddresses.length; w++) {
                Path work = Files.createDirectories(c.workDir(w));
                c.workers.add(c.start("worker" + w, workerAddresses[w], List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", workerAddresses[w], "--port", String.valueOf(freePort()),
                        "--webui-port", String.valueOf(freePort()),
                        "--cores", "1", "--memory", "2g", "--work-dir", work.toString(), c.masterUrl)));
            }
            await(workerAddresses.length + " workers", Duration.ofMinutes(3),
                    () -> aliveWorkers(masterUi) == workerAddresses.length);
            return c;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The work directory of Worker {@code w}: an {@code app-*} directory per application it ran an executor of. */
    Path workDir(int w) {
        return dir.resolve("work" + w);
    }

    /** The Worker JVM {@code w}. */
    Process worker(int w) {
        return workers.get(w);
    }

    /** Kills Worker {@code w} and its executors (SIGKILL), as a machine failure would. */
    void killWorker(int w) throws InterruptedException {
        Process worker = workers.get(w);
        List<ProcessHandle> executors = worker.descendants().toList();
        worker.destroyForcibly();
        executors.forEach(ProcessHandle::destroyForcibly);
        worker.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle e : executors) {
            e.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> e).join();
        }
    }

    /**
     * Submits an application in client mode (driver on 127.0.0.1, no UI) with the given
     * spark-submit arguments (options, the jar, then its arguments); its output goes to {@code name}.log.
     */
    Process submit(String name, List<String> args) throws IOException {
        List<String> a = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
                "--conf", "spark.executor.memory=1g", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1"));
        a.addAll(args);
        return start(name, "127.0.0.1", a);
    }

    /** The output of a process this cluster started, for failure messages. */
    String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A jar of this module's test classes (the stand-in trainers), to submit beside the application jar. */
    static Path testClassesJar(Path dir) throws IOException {
        Path classes = Path.of(System.getProperty("dalesweep.testClasses", "target/test-classes"));
        Path jar = dir.resolve("dalesweep-tests.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Polls {@code done} every 200 ms until it holds, failing after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + limit);
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(String name, String address, List<String> args) throws IOException {
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
        pb.environment().put("SPARK_LOCAL_IP", address);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
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
}
