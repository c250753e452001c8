package org.dalesweep.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.dalesweep.spec.LossKind;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskSpec;
import org.dalesweep.task.data.DataException;

/**
 * Places the trial file of a {@code task.name: file} spec before anything runs: resolves
 * {@code task.path} against a base directory (the sweep file's, or the working directory for
 * {@code train}) to an absolute path, checks the file's headers against the spec (shapes, dtypes,
 * {@code task.dt_ms}, the split fractions, labels for cross-entropy) without reading its data, and
 * records its SHA-256 in {@code task.sha256}, so a changed file is a different run and the same
 * bytes at another path the same run (the run id hashes the SHA-256, not the path). One instance
 * hashes each file once however many runs name it.
 */
public final class TrialFiles {

    private final Path baseDir;
    private final Map<Path, String> hashes = new HashMap<>();
    private final Map<Path, TrialShape> shapes = new HashMap<>();

    /** Relative {@code task.path}s are resolved against {@code baseDir}. */
    public TrialFiles(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /** Where a {@code task.path} as given lies: absolute and normalised, a relative one taken from the base directory. */
    public Path resolve(String given) {
        return baseDir.resolve(given).normalize();
    }

    /** The formats trial files may have: .npz, and whatever the class path offers (Parquet with Spark). */
    public static List<TrialFormat> formats() {
        List<TrialFormat> all = new ArrayList<>();
        all.add(new NpzTrials());
        ServiceLoader.load(TrialFormat.class).forEach(all::add);
        return all;
    }

    /** The format that reads {@code file}, by its name's ending. */
    public static TrialFormat formatOf(Path file) throws DataException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (TrialFormat f : formats()) {
            for (String ext : f.extensions()) {
                if (name.endsWith(ext)) {
                    return f;
                }
                known.add(ext);
            }
        }
        String hint = name.endsWith(".parquet") ? " (Parquet trial files are read with Spark's classes: use bin/dalesweep)" : "";
        throw new DataException(file + ": not a trial file this build reads (known endings: " + String.join(", ", known) + ")" + hint);
    }

    /**
     * The spec with its trial file placed: absolute {@code task.path} and the file's
     * {@code task.sha256}; other tasks' specs unchanged. Every problem is one line naming the key.
     */
    public RunSpec locate(RunSpec spec) throws SpecException {
        TaskSpec task = spec.task();
        if (!task.name().equals(FileTask.NAME)) {
            return spec;
        }
        List<String> problems = new ArrayList<>();
        String given = task.text(FileTask.PATH);
        if (given.isBlank()) {
            throw new SpecException("task.path: required for task.name: file (an .npz or .parquet of trials), got ''");
        }
        Path file = resolve(given);
        TrialShape shape;
        String sha;
        try {
            shape = shapes.get(file);
            if (shape == null) {
                shape = formatOf(file).inspect(file);
                shapes.put(file, shape);
            }
            sha = hashes.get(file);
            if (sha == null) {
                sha = sha256(file);
                hashes.put(file, sha);
            }
        } catch (DataException e) {
            throw new SpecException("task.path: " + e.getMessage(), e);
        }
        FileTask.checkAgainst(task, spec.network().dtMs(), shape, file, problems);
        if (spec.loss().kind() == LossKind.CROSS_ENTROPY && !shape.labels()) {
            problems.add("loss.kind: cross_entropy needs labels, and " + file + " has no array '" + TrialShape.LABELS + "'");
        }
        String recorded = task.text(FileTask.SHA256);
        if (!recorded.isEmpty() && !recorded.equals(sha)) {
            problems.add("task.sha256: " + file + " has SHA-256 " + sha + ", the spec says " + recorded
                    + " (the file changed; leave task.sha256 out to take the file as it is)");
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        TreeMap<String, Object> params = new TreeMap<>(task.params());
        params.put(FileTask.PATH, file.toString());
        params.put(FileTask.SHA256, sha);
        return spec.withTask(new TaskSpec(task.name(), params));
    }

    /**
     * The spec of a run planned on a trial file, reading the trials from {@code file} instead (the
     * file moved, or the output was copied to another machine): the same run, with the same id, as
     * the recorded {@code task.sha256} stands for the trials. A file with another SHA-256 is refused,
     * naming both; {@code file} is made absolute.
     */
    public static RunSpec relocate(RunSpec spec, Path file) throws SpecException {
        TaskSpec task = spec.task();
        if (!task.name().equals(FileTask.NAME)) {
            throw new SpecException("task.path: " + file + ": the run is of task " + task.name() + ", which reads no trial file");
        }
        Path absolute = file.toAbsolutePath().normalize();
        String recorded = task.text(FileTask.SHA256);
        String sha;
        try {
            sha = sha256(absolute);
        } catch (DataException e) {
            throw new SpecException("task.path: " + e.getMessage(), e);
        }
        if (!recorded.isEmpty() && !recorded.equals(sha)) {
            throw new SpecException("task.sha256: " + absolute + " has SHA-256 " + sha + ", not the run's trials (SHA-256 "
                    + recorded + ", recorded at " + task.text(FileTask.PATH) + ")");
        }
        TreeMap<String, Object> params = new TreeMap<>(task.params());
        params.put(FileTask.PATH, absolute.toString());
        params.put(FileTask.SHA256, sha);
        return spec.withTask(new TaskSpec(task.name(), params));
    }

    /** SHA-256 of a file's bytes, in hex. */
    public static String sha256(Path file) throws DataException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // the digest sees every byte
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
