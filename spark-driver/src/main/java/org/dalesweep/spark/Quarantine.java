package org.dalesweep.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.dalesweep.layout.OutputLayout;
import org.dalesweep.layout.OutputTables;
import org.dalesweep.schema.Table;

/**
 * Clears damaged files out of an output before a resume: every file {@link OutputTables#inspect}
 * rejects (truncated, not Parquet, a foreign schema) is moved — never deleted: it may be someone's
 * data — to {@code <out>/quarantine/<UTC time>/} ({@link OutputLayout#quarantine}) under its path relative to the output. A damaged
 * {@code trajectories} or {@code params} file of a run also moves that run's {@code runs} file (its
 * commit marker), so that the run counts as missing and is trained again, whole.
 */
final class Quarantine {

    /** One file moved aside; {@code retrain} is the id of the run it un-commits, or null. */
    record Moved(OutputTables.Damage damage, Path to, String retrain) {
    }

    private final RunFiles files;

    Quarantine(RunFiles files) {
        this.files = files;
    }

    /** Moves every damaged file aside and reports each; empty when the output is sound. */
    List<Moved> clear() throws IOException {
        FileSystem fs = files.fileSystem();
        List<OutputTables.Damage> damaged = OutputTables.inspect(files.layout());
        List<Moved> moved = new ArrayList<>();
        if (damaged.isEmpty()) {
            return moved;
        }
        Path into = files.layout().quarantine(Instant.now());
        Set<Path> gone = new HashSet<>();
        for (OutputTables.Damage d : damaged) {
            String runId = OutputLayout.runIdOf(d.file()).orElse(null);
            moved.add(new Moved(d, moveAside(fs, d.file(), into), runId));
            gone.add(d.file());
        }
        Map<String, Path> done = files.doneRuns();
        for (Moved m : List.copyOf(moved)) {
            Path marker = m.retrain() == null ? null : done.get(m.retrain());
            if (m.damage().table() != Table.RUNS && marker != null && !gone.contains(marker)) {
                OutputTables.Damage because = new OutputTables.Damage(marker, Table.RUNS,
                        "the run's " + m.damage().table().dir() + " file is damaged, so the run is trained again");
                moved.add(new Moved(because, moveAside(fs, marker, into), m.retrain()));
                gone.add(marker);
            }
        }
        return moved;
    }

    /**
     * Moves every file of the given runs (runs row, trajectories, params) aside, the runs file
     * last-but-first so that each run counts as missing at once: for {@code run --retry-failed}.
     */
    Retired retire(List<String> runIds, String reason) throws IOException {
        List<Moved> moved = new ArrayList<>();
        if (runIds.isEmpty()) {
            return new Retired(null, moved);
        }
        FileSystem fs = files.fileSystem();
        Path into = files.layout().quarantine(Instant.now());
        Map<String, Path> done = files.doneRuns();
        for (String id : runIds) {
            Path marker = done.get(id);
            List<Path> all = new ArrayList<>();
            if (marker != null && !OutputLayout.isPartFile(marker)) { // a compacted file holds other runs too
                all.add(marker);
            }
            all.add(files.trajectoryFile(id));
            all.add(files.paramsFile(id));
            for (Path f : all) {
                if (fs.exists(f)) {
                    Table table = f.equals(marker) ? Table.RUNS : f.getParent().getName().equals(Table.PARAMS.dir())
                            ? Table.PARAMS : Table.TRAJECTORIES;
                    moved.add(new Moved(new OutputTables.Damage(f, table, reason), moveAside(fs, f, into), id));
                }
            }
        }
        return new Retired(into, moved);
    }

    /** The files {@link #retire} moved, and the quarantine folder they went to (null when none). */
    record Retired(Path into, List<Moved> moved) {
    }

    private Path moveAside(FileSystem fs, Path file, Path into) throws IOException {
        Path target = new Path(into, files.layout().relative(file));
        fs.mkdirs(target.getParent());
        if (!fs.rename(file, target)) {
            throw new IOException("could not move the damaged file " + file + " to " + target);
        }
        return target;
    }
}
