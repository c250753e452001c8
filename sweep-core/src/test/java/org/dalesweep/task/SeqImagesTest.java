package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.data.Idx;
import org.dalesweep.task.data.Images;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SeqImagesTest {

    @TempDir
    Path dir;

    /**
     * Writes a tiny data set: image i of a split has pixel (r, c) = (r + c + i) mod 256 except
     * pixel (0, 0), which is 1 in train and 2 in test, so a batch shows which split it came from.
     */
    public static void writeSplits(Path dir, int train, int test) throws Exception {
        write(dir, "train", train, 1);
        write(dir, "t10k", test, 2);
    }

    private static void write(Path dir, String prefix, int count, int mark) throws Exception {
        byte[] px = new byte[count * 784];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    px[i * 784 + r * 28 + c] = (byte) (r == 0 && c == 0 ? mark : (r + c + i) % 256);
                }
            }
            labels[i] = (byte) (i % 10);
        }
        Idx.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new Images(count, 28, 28, px));
        Idx.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }

    /** The task on the fixture, its first 10 training images the validation split. */
    private Task task(String name) throws SpecException {
        return TaskFixtures.task(name, Map.of("data_dir", dir.toString(), "val_size", 10), 20);
    }

    /** Which image of its split a trial shows (pixel (0, 1) of image i is (1 + i) mod 256). */
    private static int imageOf(Batch b, int trial) {
        return Math.round(b.input(0, trial, 1) * 255) - 1;
    }

    @Test
    void rowsAreStepsScaledToTheUnitIntervalWithTheAnswerAtTheLastStep() throws Exception {
        writeSplits(dir, 30, 12);
        Task task = task("seq_mnist");
        assertEquals(28, task.steps());
        assertEquals(28, task.inputCount());
        assertEquals(10, task.outputCount());
        Batch b = task.sample(16, new SplittableRandom(1));
        for (int trial = 0; trial < 16; trial++) {
            assertEquals(1 / 255f, b.input(0, trial, 0), 1e-7, "training images come from the train split");
            int label = b.labels()[trial];
            int image = -1;
            for (int i = label; i < 30; i += 10) {
                if (Math.abs(b.input(0, trial, 1) - (1 + i) % 256 / 255f) < 1e-7) {
                    image = i;
                }
            }
            assertTrue(image >= 0, "the label belongs to the image drawn");
            assertEquals((5 + 7 + image) % 256 / 255f, b.input(5, trial, 7), 1e-7, "step 5 is row 5");
            for (int t = 0; t < 28; t++) {
                for (int k = 0; k < 10; k++) {
                    assertEquals(t == 27 ? 1f : 0f, b.mask(t, trial, k));
                }
            }
            assertEquals(1f, b.target(27, trial, label));
            assertEquals(0f, b.target(27, trial, (label + 1) % 10));
        }
        assertEquals(1.0, task.score(b, TaskFixtures.perfect(b)));
    }

    @Test
    void trainingTrialsComeFromTheTrainingSplitOnlyAndHeldOutTrialsAreDistinctValidationImages() throws Exception {
        writeSplits(dir, 30, 12);
        SeqImages task = (SeqImages) task("seq_fashion");
        assertEquals(20, task.trainCount());
        assertEquals(10, task.validationCount());
        Batch train = task.sample(500, new SplittableRandom(1));
        Set<Integer> trained = new HashSet<>();
        for (int trial = 0; trial < 500; trial++) {
            assertEquals(1 / 255f, train.input(0, trial, 0), 1e-7, "training images come from the training file");
            trained.add(imageOf(train, trial));
        }
        assertEquals(20, trained.size(), "every training image, none of the validation split");
        assertTrue(trained.stream().allMatch(i -> i >= 10), trained.toString());

        Batch b = task.sampleHeldOut(10, new SplittableRandom(2));
        Set<Integer> seen = new HashSet<>();
        for (int trial = 0; trial < 10; trial++) {
            assertEquals(1 / 255f, b.input(0, trial, 0), 1e-7, "validation images come from the training file");
            seen.add(imageOf(b, trial));
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen, "the validation split, each image once");
        assertEquals("T-shirt/top", task.outputNames().get(0));
    }

    @Test
    void theTestSetIsTheWholeTestFileInOrderInSlices() throws Exception {
        writeSplits(dir, 30, 12);
        TestSet test = task("seq_mnist").testSet().orElseThrow();
        assertEquals(12, test.size());
        Batch slice = test.batch(5, 12);
        assertEquals(7, slice.size());
        for (int trial = 0; trial < 7; trial++) {
            assertEquals(2 / 255f, slice.input(0, trial, 0), 1e-7, "test images come from the test file");
            assertEquals(5 + trial, imageOf(slice, trial), "in file order");
            assertEquals((5 + trial) % 10, slice.labels()[trial]);
        }
        assertTrue(TaskFixtures.task("adding").testSet().isEmpty(), "a synthetic task has none");
    }

    @Test
    void aValidationSplitThatLeavesNoTrainingImageIsAProblemOfValSize() throws Exception {
        writeSplits(dir, 30, 12);
        SpecException e = assertThrows(SpecException.class,
                () -> TaskFixtures.task("seq_mnist", Map.of("data_dir", dir.toString(), "val_size", 30), 20));
        assertTrue(e.getMessage().startsWith("task.val_size: 30 leaves no training image"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 30 training images"), e.getMessage());
    }

    @Test
    void aCompletedRunReportsTheTestScoreAsAccuracyAndTheLastValidationScoreAsValAccuracy() throws Exception {
        writeSplits(dir, 30, 12);
        RunSpec spec = new SpecCodec().parse("", "test", java.util.List.of("task.name=seq_mnist", "task.data_dir=" + dir,
                "task.val_size=10", "network.units=16", "training.iterations=20", "training.eval_every=10",
                "training.eval_batch=10", "loss.kind=cross_entropy"));
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec);
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertEquals(r.trajectory().get(r.trajectory().size() - 1).accuracy(), r.scores().valAccuracy(), "the last validation score");
        assertEquals(0, Math.abs(r.scores().valAccuracy() * 10 - Math.round(r.scores().valAccuracy() * 10)), 1e-9, "a fraction of 10 validation images");
        assertEquals(0, Math.abs(r.scores().accuracy() * 12 - Math.round(r.scores().accuracy() * 12)), 1e-9,
                "a fraction of the 12 test images, scored in slices of 10 and 2: " + r.scores().accuracy());
    }

    @Test
    void missingDataIsASpecProblemOfDataDirNamingThePathAndTheFetchCommand() {
        SpecException e = assertThrows(SpecException.class, () -> task("seq_mnist"));
        assertTrue(e.getMessage().startsWith("task.data_dir: " + dir.resolve("train-images-idx3-ubyte.gz") + ": no such file"),
                e.getMessage());
        assertTrue(e.getMessage().contains("bin/dalesweep get-data"), e.getMessage());
    }
}
