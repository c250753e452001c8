package org.dalesweep.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The statuses of an output's runs as last read, so that {@code status} need not read every
 * footer again: the hidden file {@code <out>/.status-cache}, one line per run,
 * {@code run_id TAB status TAB length TAB modification time (ms)}. An entry counts only while its
 * runs file has the length and time it was read at. Best effort: a local output only, written
 * atomically (a hidden temporary file moved into place) and only when it changed; a missing,
 * unreadable or read-only cache means the footers are read.
 */
public record StatusCache(Map<String, Entry> entries) {

    /** The file's name in the output. */
    public static final String FILE = ".status-cache";

    /** One run's status, and the length and modification time of the runs file it was read from. */
    public record Entry(String status, long length, long modified) {

        /** The entry of a status just read from {@code file}. */
        public static Entry of(String status, RunFile file) {
            return new Entry(status, file.length(), file.modified());
        }

        boolean describes(RunFile file) {
            return length == file.length() && modified == file.modified();
        }
    }

    public StatusCache {
        entries = Map.copyOf(entries);
    }

    /** The cache of an output; empty when there is none or it cannot be read. */
    public static StatusCache read(OutputLayout layout) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        java.nio.file.Path file = local(layout);
        if (file != null) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length == 4) {
                        entries.put(f[0], new Entry(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
                    }
                }
            } catch (IOException | RuntimeException e) {
                entries.clear(); // no cache: every footer is read
            }
        }
        return new StatusCache(entries);
    }

    /** The cached status of a run, if its runs file is the one the status was read from. */
    public Optional<String> statusOf(RunFile runsFile) {
        Entry e = entries.get(runsFile.runId());
        return e != null && e.describes(runsFile) ? Optional.of(e.status()) : Optional.empty();
    }

    /** Writes the cache into the output when it differs from what is there (best effort; local outputs only). */
    public void write(OutputLayout layout) {
        java.nio.file.Path file = local(layout);
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        entries.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> text.append(e.getKey()).append('\t')
                .append(e.getValue().status()).append('\t').append(e.getValue().length()).append('\t')
                .append(e.getValue().modified()).append('\n'));
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).contentEquals(text)) {
                return; // unchanged: a resume that trained nothing writes nothing
            }
            java.nio.file.Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // a read-only output: the next status reads the footers again
        }
    }

    private static java.nio.file.Path local(OutputLayout layout) {
        try {
            return layout.isLocal() ? java.nio.file.Path.of(layout.statusCache().toUri().getPath()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
