package org.dalesweep.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lock one driver holds on an output directory while it writes it: {@code <out>/.lock}, created
 * atomically with create-new (O_EXCL on a local disk, {@code create(overwrite=false)} on HDFS),
 * holding the driver's pid, host and process start time. A second driver is refused while the
 * holder lives. A lock left by a driver that died (SIGKILL, a crash) on this same host is stale —
 * its pid is gone, or belongs to a process started at another time — and is taken over, so that
 * resuming after a kill needs no manual step. A lock from another host cannot be checked and is
 * honoured; the message says how to remove it. Two drivers taking over the same stale lock in the
 * same instant are not guarded against.
 */
public final class OutputLock implements AutoCloseable {

    /** The lock's file name in the output directory (hidden, so table readers never see it). */
    public static final String FILE = ".lock";

    /** Who holds a lock: read from, and written to, the lock file as {@code key=value} lines. */
    public record Holder(long pid, String host, String processStart, String acquired) {

        /** This driver. */
        static Holder current() {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(self.pid(), localHost(),
                    self.info().startInstant().map(Instant::toString).orElse("unknown"), Instant.now().toString());
        }

        String text() {
            return "pid=" + pid + "\nhost=" + host + "\nprocess_start=" + processStart + "\nacquired=" + acquired + "\n";
        }

        public static Holder parse(String text) {
            Map<String, String> kv = new LinkedHashMap<>();
            text.lines().forEach(l -> {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    kv.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
                }
            });
            long pid;
            try {
                pid = Long.parseLong(kv.getOrDefault("pid", "-1"));
            } catch (NumberFormatException e) {
                pid = -1;
            }
            return new Holder(pid, kv.getOrDefault("host", "unknown"), kv.getOrDefault("process_start", "unknown"),
                    kv.getOrDefault("acquired", "unknown"));
        }

        /** True when this holder is provably gone: same host, and its pid is dead or is another process. */
        public boolean provablyDead() {
            if (pid <= 0) {
                return true;
            }
            if (!host.equals(localHost())) {
                return false;
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            Optional<Instant> started = p.get().info().startInstant();
            return started.isPresent() && !processStart.equals("unknown") && !started.get().toString().equals(processStart);
        }

        public String describe() {
            return "pid " + pid + " on host " + host + ", holding it since " + acquired;
        }
    }

    private final FileSystem fs;
    private final Path file;
    private final Holder holder;

    private OutputLock(FileSystem fs, Path file, Holder holder) {
        this.fs = fs;
        this.file = file;
        this.holder = holder;
    }

    /**
     * Takes the lock of {@code root} (creating the directory), taking over a stale one.
     *
     * @param notices where a taken-over stale lock is reported
     * @throws OutputLockedException when a live driver (or one on another host) holds it
     */
    public static OutputLock acquire(FileSystem fs, Path root, java.io.PrintWriter notices)
            throws IOException, OutputLockedException {
        fs.mkdirs(root);
        Path file = new Path(root, FILE);
        Holder me = Holder.current();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (createNew(fs, file, me.text())) {
                return new OutputLock(fs, file, me);
            }
            Optional<String> text = read(fs, file);
            if (text.isEmpty()) {
                continue;
            }
            Holder other = Holder.parse(text.get());
            if (!other.provablyDead()) {
                throw new OutputLockedException(root + " is being written by another dalesweep driver ("
                        + other.describe() + "). Wait for it to finish, or, if that driver is gone, remove " + file + ".");
            }
            notices.println("taking over the stale lock " + file + " of a driver that is gone (" + other.describe() + ")");
            notices.flush();
            fs.delete(file, false);
        }
        throw new IOException("could not take the lock " + file + ": it keeps reappearing");
    }

    /** This driver's record in the lock file. */
    public Holder holder() {
        return holder;
    }

    /** Releases the lock if it is still ours. */
    @Override
    public void close() throws IOException {
        Optional<String> text = read(fs, file);
        if (text.isPresent() && Holder.parse(text.get()).equals(holder)) {
            fs.delete(file, false);
        }
    }

    private static boolean createNew(FileSystem fs, Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if ("file".equals(fs.getUri().getScheme())) {
            // Hadoop's local file system checks-then-creates; NIO's CREATE_NEW is one atomic O_EXCL open
            try {
                Files.write(java.nio.file.Path.of(fs.makeQualified(file).toUri()), bytes, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static Optional<String> read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }
}
