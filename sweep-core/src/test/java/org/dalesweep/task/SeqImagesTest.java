package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.data.Idx;
import org.dalesweep.task.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeqImagesTest {

    @TempDir
    Path dir;

    /**
     * Writes a tiny data set: image i of a split has pixel (r, c) = (r + c + i) mod 256 except
     * pixel (0, 0), which is 1 in train and 2 in test, so a batch shows which split it came from.
     */
    static void writeSplits(Path dir, int train, int test) throws Exception {
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

    private Task task(String name) throws SpecException {
        return TaskFixtures.task(name, Map.of("data_dir", dir.toString()), 20);
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
    void heldOutTrialsAreDistinctTestImages() throws Exception {
        writeSplits(dir, 30, 12);
        Task task = task("seq_fashion");
        Batch b = task.sampleHeldOut(12, new SplittableRandom(2));
        Set<Float> seen = new HashSet<>();
        for (int trial = 0; trial < 12; trial++) {
            assertEquals(2 / 255f, b.input(0, trial, 0), 1e-7, "held-out images come from the test split");
            seen.add(b.input(0, trial, 1));
        }
        assertEquals(12, seen.size(), "no test image twice while others are unused");
        assertEquals("T-shirt/top", task.outputNames().get(0));
    }

    @Test
    void missingDataIsASpecProblemOfDataDirNamingThePathAndTheFetchCommand() {
        SpecException e = assertThrows(SpecException.class, () -> task("seq_mnist"));
        assertTrue(e.getMessage().startsWith("task.data_dir: " + dir.resolve("train-images-idx3-ubyte.gz") + ": no such file"),
                e.getMessage());
        assertTrue(e.getMessage().contains("bin/dalesweep get-data"), e.getMessage());
    }
}
