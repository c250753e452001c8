package org.dalesweep.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.dalesweep.schema.Table;
import org.dalesweep.BuildInfo;
import org.dalesweep.sweep.SweepPlan;

/**
 * The resolved sweep(s) recorded in an output directory: {@code sweep.yaml} for the sweep that
 * made it, and {@code sweep-<fingerprint>.yaml} for each sweep appended with {@code --append}.
 * Decides whether a sweep may run into a directory: a new or empty directory, or one holding
 * the same resolved sweep (a resume), yes; a different sweep only when appending.
 */
public final class SweepRecord {

    /** The file name of the first recorded sweep. */
    public static final String FILE = "sweep.yaml";

    private final RunFiles files;
    private final ObjectMapper yaml;

    public SweepRecord(RunFiles files, ObjectMapper yaml) {
        this.files = files;
        this.yaml = yaml;
    }

    /** What running a plan into this directory means. */
    public enum Admission {
        /** Nothing recorded yet: record the sweep and run. */
        NEW,
        /** The same resolved sweep is recorded: resume. */
        RESUME,
        /** A different sweep is recorded and --append was given: record it beside the first and run. */
        APPEND
    }

    /**
     * Checks whether the plan may run here, without writing anything.
     *
     * @throws OutputConflictException when the directory holds a different sweep and append is false
     */
    public Admission admit(SweepPlan plan, boolean append) throws IOException, OutputConflictException {
        FileSystem fs = files.fileSystem();
        List<String> recorded = recordedFingerprints(fs);
        String fingerprint = plan.fingerprint();
        if (recorded.contains(fingerprint)) {
            return Admission.RESUME;
        }
        boolean hasRuns = fs.exists(files.layout().tableDir(Table.RUNS));
        if (recorded.isEmpty() && !hasRuns) {
            return Admission.NEW;
        }
        if (append) {
            return Admission.APPEND;
        }
        throw new OutputConflictException(files.root() + " holds the output of a different sweep ("
                + (recorded.isEmpty() ? "runs without a " + FILE : describeRecorded(fs))
                + "); this sweep '" + plan.sweep().name() + "' has fingerprint " + fingerprint.substring(0, 12)
                + ". Use another --out, or --append to add this sweep's runs to it.");
    }

    /** Records the plan's resolved sweep (atomically) unless this very sweep is already recorded. */
    public Path record(SweepPlan plan, String toolVersion) throws IOException {
        FileSystem fs = files.fileSystem();
        String fingerprint = plan.fingerprint();
        Path first = new Path(files.root(), FILE);
        for (Path p : recordedFiles(fs)) {
            if (fingerprint.equals(fingerprintOf(fs, p))) {
                return p;
            }
        }
        Path target = fs.exists(first) ? new Path(files.root(), "sweep-" + fingerprint.substring(0, 16) + ".yaml") : first;
        ObjectNode tree = plan.toTree(toolVersion);
        ObjectNode byTask = tree.putObject("run_ids_by_task");
        plan.runs().forEach(r -> {
            com.fasterxml.jackson.databind.node.ArrayNode ids = byTask.has(r.spec().task().name())
                    ? (com.fasterxml.jackson.databind.node.ArrayNode) byTask.get(r.spec().task().name())
                    : byTask.putArray(r.spec().task().name());
            ids.add(r.runId());
        });
        ObjectNode provenance = tree.putObject("provenance");
        provenance.put("git_commit", BuildInfo.gitCommit());
        Boolean dirty = BuildInfo.gitDirty();
        if (dirty == null) {
            provenance.putNull("git_dirty");
        } else {
            provenance.put("git_dirty", dirty);
        }
        provenance.put("java_version", BuildInfo.javaVersion());
        provenance.put("os_arch", BuildInfo.osArch());
        provenance.put("cpu_model", BuildInfo.cpuModel());
        fs.mkdirs(files.root());
        Path tmp = new Path(files.root(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(("# Resolved sweep recorded by dalesweep " + toolVersion + "; run ids are the runs it expands to.\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(yaml.writeValueAsBytes(tree));
        }
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            if (!fs.exists(target)) {
                throw new IOException("could not write " + target);
            }
        }
        return target;
    }

    /**
     * The one-line notice when the code that trained this output differs from this build's: the
     * commit recorded in {@code sweep.yaml} (the driver that started the output) against
     * {@link BuildInfo#gitCommit()}. Empty when they agree, or when either is unknown (an output
     * from before commits were recorded, a build without git).
     */
    public java.util.Optional<String> commitChange() throws IOException {
        FileSystem fs = files.fileSystem();
        Path first = new Path(files.root(), FILE);
        if (!fs.exists(first)) {
            return java.util.Optional.empty();
        }
        JsonNode tree;
        try (InputStream in = fs.open(first)) {
            tree = yaml.readTree(in);
        }
        JsonNode prov = tree == null ? null : tree.get("provenance");
        String recorded = prov == null || prov.get("git_commit") == null ? BuildInfo.UNKNOWN : prov.get("git_commit").asText();
        String current = BuildInfo.gitCommit();
        if (recorded.equals(BuildInfo.UNKNOWN) || current.equals(BuildInfo.UNKNOWN) || recorded.equals(current)) {
            return java.util.Optional.empty();
        }
        Boolean recordedDirty = prov.get("git_dirty") == null || prov.get("git_dirty").isNull() ? null
                : prov.get("git_dirty").asBoolean();
        return java.util.Optional.of(files.root() + " was trained by commit " + BuildInfo.describeCommit(recorded, recordedDirty)
                + " (" + FILE + "), this build is commit " + BuildInfo.describeCommit(current, BuildInfo.gitDirty()));
    }

    private List<Path> recordedFiles(FileSystem fs) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(files.root())) {
            return out;
        }
        FileStatus[] found = fs.globStatus(new Path(files.root(), "sweep*.yaml"));
        if (found != null) {
            for (FileStatus f : found) {
                out.add(f.getPath());
            }
        }
        out.sort((a, b) -> a.getName().equals(FILE) ? -1 : b.getName().equals(FILE) ? 1 : a.getName().compareTo(b.getName()));
        return out;
    }

    private List<String> recordedFingerprints(FileSystem fs) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path p : recordedFiles(fs)) {
            out.add(fingerprintOf(fs, p));
        }
        return out;
    }

    private String fingerprintOf(FileSystem fs, Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            JsonNode tree = yaml.readTree(in);
            JsonNode f = tree == null ? null : tree.get("fingerprint");
            return f == null ? "" : f.asText();
        }
    }

    private String describeRecorded(FileSystem fs) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path p : recordedFiles(fs)) {
            try (InputStream in = fs.open(p)) {
                JsonNode tree = yaml.readTree(in);
                names.add("'" + (tree != null && tree.has("sweep") ? tree.get("sweep").asText() : "?") + "' in " + p.getName());
            }
        }
        return "sweep " + String.join(", ", names);
    }
}
