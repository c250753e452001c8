package org.dalesweep.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dalesweep.cli.Main;

/**
 * Resident memory of this process from Linux's {@code /proc/self/status}, and peak resident
 * memory of one bench configuration measured in a fresh child JVM, so that the figure belongs to
 * that configuration alone and not to this JVM's history. Elsewhere than Linux nothing is measured.
 */
final class ResidentMemory {
    /** The line a probing child prints, parsed by {@link #probe}. */
    static final String PROBE_LINE = "memory-probe";
    private static final Pattern PROBE = Pattern.compile(
            PROBE_LINE + " idle_kb=(\\d+) peak_kb=(\\d+) trajectory_bytes=(\\d+)");
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Peak resident memory of one configuration's child JVM: idle (natives loaded, before the network), peak, and the BPTT buffers. */
    record Probe(long idleKb, long peakKb, long trajectoryBytes) {
        Probe {
            if (idleKb < 0 || peakKb < idleKb || trajectoryBytes < 0) {
                throw new IllegalArgumentException("memory probe: idle " + idleKb + " kB, peak " + peakKb
                        + " kB, trajectory " + trajectoryBytes + " B are not a measurement");
            }
        }

        /** Peak minus idle: what the configuration's run itself made resident. */
        long runKb() {
            return peakKb - idleKb;
        }
    }

    private ResidentMemory() {
    }

    /** True where {@code /proc/self/status} can be read (Linux). */
    static boolean available() {
        return Files.isReadable(STATUS);
    }

    /** A field of {@code /proc/self/status} in kB (e.g. VmRSS, VmHWM), empty where there is none. */
    static OptionalLong kilobytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Resets VmHWM to the current resident size (Linux 4.0+: write 5 to clear_refs); false when it cannot. */
    static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Runs {@code dalesweep <args>} in a child JVM started as this one was (same java, JVM
     * options and class path) and reads the probe line it prints.
     */
    static Probe probe(List<String> args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("the memory probe " + args + " failed (exit "
                    + (p.isAlive() ? "timeout" : p.exitValue()) + "): " + out.strip());
        }
        Matcher m = PROBE.matcher(out);
        if (!m.find()) {
            throw new IOException("the memory probe " + args + " printed no '" + PROBE_LINE + "' line: " + out.strip());
        }
        return new Probe(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }
}
