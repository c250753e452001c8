package org.dalesweep.task.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsJsonTest {

    @TempDir
    Path dir;

    /**
     * Writes d.json with {@code counts[d]} images; pixel 0 of image i of digit d holds (10·d + i)/255
     * (as the package stores bytes/255, to three decimals), pixel 1 holds 1.0, the rest 0.
     */
    static void writeDigits(Path dir, int[] counts) throws Exception {
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{ \"data\": [");
            for (int i = 0; i < counts[d]; i++) {
                for (int k = 0; k < 784; k++) {
                    double v = k == 0 ? Math.round((10 * d + i) / 255.0 * 1000) / 1000.0 : k == 1 ? 1 : 0;
                    sb.append(i == 0 && k == 0 ? "" : ",").append(v == 0 ? "0" : Double.toString(v));
                }
            }
            Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
        }
    }

    @Test
    void convertsToAnExactDeterministicSplitWithTheFirstImagesOfEachDigitForTraining() throws Exception {
        int[] counts = {5, 6, 4, 5, 5, 5, 5, 5, 5, 5};
        writeDigits(dir, counts);
        DigitsJson.Converted c = DigitsJson.convert(dir, 0.8);
        assertEquals(40, c.train().count());
        assertEquals(10, c.test().count());
        int[] trainPer = new int[10];
        for (int i = 0; i < c.train().count(); i++) {
            int d = c.train().label(i);
            int value = c.train().images().pixel(i, 0, 0);
            assertEquals(10 * d + trainPer[d], value, "train image " + i + " is digit " + d + "'s next image");
            assertEquals(255, c.train().images().pixel(i, 0, 1));
            trainPer[d]++;
        }
        assertEquals(Arrays.stream(DigitsJson.apportion(counts, 40)).boxed().toList(),
                Arrays.stream(trainPer).boxed().toList());
        for (int i = 0; i < c.test().count(); i++) {
            int d = c.test().label(i);
            assertTrue(c.test().images().pixel(i, 0, 0) - 10 * d >= trainPer[d], "test images come after the train ones");
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                Arrays.copyOf(toInts(c.train().labels()), 10), "digits are interleaved");

        DigitsJson.write(c, dir.resolve("out"));
        LabelledImages back = LabelledImages.read(dir.resolve("out"), LabelledImages.Split.TRAIN, 10);
        assertArrayEquals(c.train().images().pixels(), back.images().pixels());
        assertArrayEquals(c.train().labels(), back.labels());
    }

    @Test
    void apportioningGivesTheExactTotalAndThePackages8000Of10000() {
        int[] npm = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
        int[] train = DigitsJson.apportion(npm, 8000);
        assertEquals(8000, Arrays.stream(train).sum());
        for (int d = 0; d < 10; d++) {
            assertTrue(Math.abs(train[d] - 0.8 * npm[d]) < 1, "digit " + d);
        }
        assertEquals(7, Arrays.stream(DigitsJson.apportion(new int[] {3, 3, 3}, 7)).sum());
    }

    @Test
    void valuesOutsideTheUnitIntervalOrPartialImagesAreErrorsNamingTheFile() throws Exception {
        writeDigits(dir, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        Files.writeString(dir.resolve("4.json"), "{\"data\": [0, 255, 0]}");
        DataException range = assertThrows(DataException.class, () -> DigitsJson.convert(dir, 0.8));
        assertEquals(dir.resolve("4.json") + ": data[1] = 255.0 is outside [0, 1]", range.getMessage());
        Files.writeString(dir.resolve("4.json"), "{\"data\": [0, 0.5, 0]}");
        DataException partial = assertThrows(DataException.class, () -> DigitsJson.convert(dir, 0.8));
        assertTrue(partial.getMessage().contains("not a whole number of 784-pixel images"), partial.getMessage());
        Files.delete(dir.resolve("4.json"));
        DataException missing = assertThrows(DataException.class, () -> DigitsJson.convert(dir, 0.8));
        assertEquals(dir.resolve("4.json") + ": no such file", missing.getMessage());
    }

    private static int[] toInts(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }
}
