package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dalesweep.RepositoryRoot;
import org.dalesweep.npz.NpzWriter;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.sweep.SweepLoader;
import org.dalesweep.sweep.SweepPlan;
import org.dalesweep.train.RngStreams;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code task.name: file}: the committed trial file (200 perceptual_dm trials written by
 * {@code dalesweep task perceptual_dm --trials 200 --save}) trains, splits reproducibly, and every bad
 * file or key is refused before anything runs, naming the path, the array or the key.
 */
class FileTaskTest {

    static final Path COMMITTED = RepositoryRoot.find().resolve("examples/trials/perceptual_dm.npz");

    @TempDir
    Path dir;

    private final SpecCodec codec = new SpecCodec();

    private RunSpec spec(Path base, String... sets) throws SpecException {
        List<String> all = new java.util.ArrayList<>(List.of("task.name=file", "task.dt_ms=20"));
        all.addAll(List.of(sets));
        return new TrialFiles(base).locate(codec.parse("", "test", all));
    }

    /** Costs about 5 s: 300 iterations of a 64-unit network on 160 training trials. */
    @Test
    void aNetworkLearnsTheCommittedTrialFileAndIsScoredOnItsTestSplit() throws Exception {
        RunSpec spec = spec(COMMITTED.getParent(), "task.path=perceptual_dm.npz", "training.iterations=300");
        assertEquals(COMMITTED.toString(), spec.task().text("path"), "placed as an absolute path");
        assertEquals(TrialFiles.sha256(COMMITTED), spec.task().text("sha256"));
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec);
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertTrue(r.scores().accuracy() >= 0.8, "test accuracy " + r.scores().accuracy());
        assertTrue(r.scores().valAccuracy() >= 0.8, "validation accuracy " + r.scores().valAccuracy());
        assertTrue(r.trajectory().get(0).accuracy() < 0.7, "at init near chance: " + r.trajectory().get(0).accuracy());
    }

    @Test
    void theSplitIsFixedBySplitSeedDisjointAndCoversEveryTrial() throws Exception {
        RunSpec spec = spec(Path.of(""), "task.path=" + COMMITTED, "task.val_fraction=0.2", "task.test_fraction=0.15");
        FileTask a = FileTask.load(spec.task(), spec.network());
        FileTask b = FileTask.load(spec.withSeed(7).task(), spec.network());
        assertEquals(List.of(130, 40, 30), List.of(a.splitSizes()[0], a.splitSizes()[1], a.splitSizes()[2]));
        Batch testA = a.testSet().orElseThrow().batch(0, 30);
        Batch testB = b.testSet().orElseThrow().batch(0, 30);
        assertEquals(java.util.Arrays.toString(testA.inputs()), java.util.Arrays.toString(testB.inputs()),
                "the run seed does not change the split");
        RunSpec other = spec(Path.of(""), "task.path=" + COMMITTED, "task.val_fraction=0.2", "task.test_fraction=0.15",
                "task.split_seed=1");
        Batch testC = FileTask.load(other.task(), other.network()).testSet().orElseThrow().batch(0, 30);
        assertNotEquals(java.util.Arrays.toString(testA.inputs()), java.util.Arrays.toString(testC.inputs()));

        // every trial in exactly one split; held-out draws come from the validation split, training draws from the training split
        int[][] splits = a.splits();
        Set<Integer> all = new HashSet<>();
        for (int[] split : splits) {
            for (int i : split) {
                assertTrue(all.add(i), "trial " + i + " is in two splits");
            }
        }
        assertEquals(200, all.size());
        assertEquals(trials(a.batch(splits[1])), trials(a.sampleHeldOut(40, RngStreams.of(1).heldOutTrials())),
                "40 held-out draws are the 40 validation trials");
        assertEquals(trials(a.batch(splits[0])), trials(a.sample(4000, RngStreams.of(1).trainTrials())),
                "4000 training draws reach every training trial and nothing else");
        assertEquals(trials(a.batch(splits[2])), trials(a.testSet().orElseThrow().batch(0, 30)));
    }

    /** Each trial's inputs over time, as keys. */
    private static Set<String> trials(Batch batch) {
        Set<String> out = new HashSet<>();
        for (int bi = 0; bi < batch.size(); bi++) {
            StringBuilder sb = new StringBuilder();
            for (int t = 0; t < batch.steps(); t++) {
                for (int i = 0; i < batch.inputCount(); i++) {
                    sb.append(batch.input(t, bi, i)).append(',');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void theTrialsComeBackAsTheTaskThatMadeThemDrewThem() throws Exception {
        RunSpec pdm = codec.parse("", "test", List.of("task.name=perceptual_dm"));
        Task original = Tasks.create(pdm.task(), pdm.network());
        Batch drawn = original.sample(5, RngStreams.of(3).trainTrials());
        Path file = dir.resolve("five.npz");
        NpzTrials.write(drawn, true, file);
        TrialArrays back = new NpzTrials().read(file);
        FileTask task = FileTask.load(spec(dir, "task.path=five.npz", "task.val_fraction=0.2", "task.test_fraction=0").task(),
                pdm.network());
        Batch again = task.batch(new int[] {0, 1, 2, 3, 4});
        assertEquals(java.util.Arrays.toString(drawn.inputs()), java.util.Arrays.toString(again.inputs()));
        assertEquals(java.util.Arrays.toString(drawn.targets()), java.util.Arrays.toString(again.targets()));
        assertEquals(java.util.Arrays.toString(drawn.mask()), java.util.Arrays.toString(again.mask()));
        assertEquals(java.util.Arrays.toString(drawn.labels()), java.util.Arrays.toString(back.labels()));
        assertTrue(task.classification());
        assertTrue(task.testSet().isEmpty(), "test_fraction 0: no test split");
    }

    @Test
    void aChangedFileIsADifferentRunAndFailsARunPlannedOnTheOldOne() throws Exception {
        Path file = dir.resolve("t.npz");
        Files.copy(COMMITTED, file);
        RunSpec before = spec(dir, "task.path=t.npz");
        writeTrials(file, 10, 5, 2, 2, "<f4");
        RunSpec after = spec(dir, "task.path=t.npz");
        assertNotEquals(codec.runId(before), codec.runId(after), "the SHA-256 is part of the spec");
        SpecException e = assertThrows(SpecException.class, () -> Tasks.create(before.task(), before.network()));
        assertTrue(e.getMessage().startsWith("task.sha256: " + file), e.getMessage());
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(before);
        assertEquals(RunStatus.FAILED, r.ending().status(), "a run planned on the old file fails, it is not trained on the new");
    }

    @Test
    void shapeAndDtypeProblemsNameThePathAndTheArrayFromTheHeadersAlone() throws Exception {
        Path file = dir.resolve("bad.npz");
        new NpzWriter().floats("inputs", new float[24], 2, 3, 4).floats("targets", new float[12], 2, 6).write(file, true);
        assertProblem("task.path: " + file + ": array 'targets' has shape (2, 6), expected [trials, T, n_out]", "bad.npz");

        new NpzWriter().floats("inputs", new float[24], 2, 3, 4).longs("targets", new long[12], 2, 3, 2).write(file, false);
        assertProblem("task.path: " + file + ": array 'targets': dtype <i8, expected float32 or float64", "bad.npz");

        new NpzWriter().floats("inputs", new float[24], 2, 3, 4).floats("targets", new float[12], 2, 3, 2)
                .floats("mask", new float[6], 2, 3, 1).write(file, true);
        assertProblem("task.path: " + file + ": array 'mask' has shape (2, 3, 1), expected the shape of 'targets' (2, 3, 2)",
                "bad.npz");

        new NpzWriter().floats("inputs", new float[24], 2, 3, 4).floats("targets", new float[12], 2, 3, 2)
                .floats("labels", new float[2], 2).write(file, true);
        assertProblem("task.path: " + file + ": array 'labels': dtype <f4, expected an integer dtype", "bad.npz");

        new NpzWriter().floats("inputs", new float[24], 2, 3, 4).write(file, true);
        assertProblem("task.path: " + file + ": array 'targets': no such array (the file has inputs)", "bad.npz");

        assertProblem("task.path: " + dir.resolve("none.npz") + ": no such file", "none.npz");
        assertProblem("task.path: required for task.name: file", "");
    }

    @Test
    void keysThatDoNotFitTheFileAreRefusedBeforeAnythingRuns() throws Exception {
        Path file = dir.resolve("ten.npz");
        writeTrials(file, 10, 5, 2, 2, "<f8");
        assertProblem("task.dt_ms: 10 differs from network.dt_ms 20", "ten.npz", "task.dt_ms=10");
        assertProblem("task.dt_ms: required", "ten.npz", "task.dt_ms=0");
        assertProblem("task.val_fraction: 0.01 of the 10 trials in " + file + " leaves no validation trial", "ten.npz",
                "task.val_fraction=0.01");
        assertProblem("task.val_fraction, task.test_fraction: 0.5 and 0.5 of the 10 trials", "ten.npz",
                "task.val_fraction=0.5", "task.test_fraction=0.5");
        assertProblem("loss.kind: cross_entropy needs labels, and " + file + " has no array 'labels'", "ten.npz",
                "loss.kind=cross_entropy");
        FileTask ok = FileTask.load(spec(dir, "task.path=ten.npz").task(), codec.parse("", "t", List.of()).network());
        assertTrue(!ok.classification(), "no labels: scored as R²");
    }

    @Test
    void aSweepFindsItsTrialFileBesideItselfAndHashesItOnce() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("study"));
        Files.copy(COMMITTED, sub.resolve("trials.npz"));
        Path sweep = sub.resolve("s.yaml");
        Files.writeString(sweep, """
                sweep: files
                seeds: 2
                base:
                  task: {name: file, path: trials.npz, dt_ms: 20}
                grid:
                  alpha.init: [0.2, 0.8]
                """);
        SweepPlan plan = new SweepLoader(codec).load(sweep, List.of());
        assertEquals(4, plan.runs().size());
        String sha = TrialFiles.sha256(COMMITTED);
        plan.runs().forEach(r -> {
            assertEquals(sub.resolve("trials.npz").toString(), r.spec().task().text("path"));
            assertEquals(sha, r.spec().task().text("sha256"));
        });
        SpecException e = assertThrows(SpecException.class, () -> new SweepLoader(codec).load(
                Files.readString(sweep), "s.yaml", List.of(), dir));
        assertTrue(e.getMessage().contains("task.path: " + dir.resolve("trials.npz") + ": no such file"), e.getMessage());
    }

    @Test
    void theRunIdsFollowTheTrialsNotWhereTheFileLies() throws Exception {
        String sweep = """
                sweep: files
                seeds: 2
                base:
                  task: {name: file, path: %s, dt_ms: 20}
                grid:
                  alpha.init: [0.2, 0.8]
                """;
        SweepPlan here = planBeside(dir.resolve("checkout/study"), "trials.npz", sweep, COMMITTED);
        SweepPlan there = planBeside(dir.resolve("elsewhere/deeper/copy"), "trials.npz", sweep, COMMITTED);
        SweepPlan moved = planBeside(dir.resolve("moved"), "data/renamed.npz", sweep, COMMITTED);
        assertEquals(4, here.runs().size());
        assertEquals(here.runIds(), there.runIds(), "the same trials copied to another directory: the same runs");
        assertEquals(here.runIds(), moved.runIds(), "moved and renamed: the same runs");
        assertEquals(here.fingerprint(), there.fingerprint(), "so an output of one resumes from the other");
        assertEquals(dir.resolve("elsewhere/deeper/copy/trials.npz").toString(), there.runs().get(0).spec().task().text("path"));
        assertTrue(codec.canonicalJson(there.runs().get(0).spec()).contains(dir.resolve("elsewhere/deeper/copy/trials.npz").toString()),
                "the stored spec records the path the run used");

        Path same = dir.resolve("same.npz");
        Path changed = dir.resolve("changed.npz");
        rewrite(COMMITTED, same, false);
        rewrite(COMMITTED, changed, true);
        SweepPlan a = planBeside(dir.resolve("a"), "t.npz", sweep, same);
        SweepPlan b = planBeside(dir.resolve("b"), "t.npz", sweep, changed);
        for (int i = 0; i < a.runs().size(); i++) {
            assertNotEquals(a.runIds().get(i), b.runIds().get(i), "one byte of the trials changed: another run");
            assertEquals(a.runs().get(i).spec().withTask(b.runs().get(i).spec().task()), b.runs().get(i).spec(),
                    "and nothing else differs");
        }
    }

    /** A sweep file in {@code study} naming {@code trials} (a copy of {@code file}) relative to itself, loaded. */
    private SweepPlan planBeside(Path study, String trials, String sweep, Path file) throws Exception {
        Files.createDirectories(study.resolve(trials).getParent());
        Files.copy(file, study.resolve(trials));
        Path s = study.resolve("s.yaml");
        Files.writeString(s, sweep.formatted(trials));
        return new SweepLoader(codec).load(s, List.of());
    }

    /** The trial file {@code from} written again by NpzWriter; {@code change}: the lowest byte of one input value flipped. */
    private static void rewrite(Path from, Path to, boolean change) throws Exception {
        try (org.dalesweep.npz.Npz z = org.dalesweep.npz.Npz.open(from)) {
            float[] inputs = z.floats("inputs");
            if (change) {
                inputs[7] = Float.intBitsToFloat(Float.floatToRawIntBits(inputs[7]) ^ 1);
            }
            new NpzWriter().floats("inputs", inputs, z.require("inputs").shape())
                    .floats("targets", z.floats("targets"), z.require("targets").shape())
                    .floats("mask", z.floats("mask"), z.require("mask").shape())
                    .longs("labels", z.integers("labels"), z.require("labels").shape())
                    .write(to, true);
        }
    }

    private void assertProblem(String expected, String path, String... sets) {
        List<String> all = new java.util.ArrayList<>(List.of("task.path=" + path));
        all.addAll(List.of(sets));
        SpecException e = assertThrows(SpecException.class, () -> spec(dir, all.toArray(String[]::new)));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(expected)), "expected '" + expected + "' in " + e.problems());
    }

    /** A trial file of random numbers with the given shape and float dtype, no labels. */
    private static void writeTrials(Path file, int trials, int steps, int in, int out, String dtype) throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        NpzWriter w = new NpzWriter();
        if (dtype.equals("<f8")) {
            w.doubles("inputs", rng.doubles((long) trials * steps * in).toArray(), trials, steps, in)
                    .doubles("targets", rng.doubles((long) trials * steps * out).toArray(), trials, steps, out);
        } else {
            float[] u = new float[trials * steps * in];
            float[] y = new float[trials * steps * out];
            for (int i = 0; i < u.length; i++) {
                u[i] = (float) rng.nextGaussian();
            }
            w.floats("inputs", u, trials, steps, in).floats("targets", y, trials, steps, out);
        }
        w.write(file, true);
    }
}
