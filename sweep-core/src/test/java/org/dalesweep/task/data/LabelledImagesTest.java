package org.dalesweep.task.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dalesweep.task.data.LabelledImages.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledImagesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheStandardNamesGzippedOrPlain() throws Exception {
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), IdxTest.images(4, 2, 2));
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 1, 2, 9});
        LabelledImages s = LabelledImages.read(dir, Split.TRAIN, 10);
        assertEquals(4, s.count());
        assertEquals(9, s.label(3));
    }

    @Test
    void aMissingFileNamesItsPathAndTheFetchCommand() {
        DataException e = assertThrows(DataException.class, () -> LabelledImages.read(dir, Split.TEST, 10));
        assertTrue(e.getMessage().startsWith(dir.resolve("t10k-images-idx3-ubyte.gz") + ": no such file"), e.getMessage());
        assertTrue(e.getMessage().contains("run `bin/dalesweep get-data`"), e.getMessage());
    }

    @Test
    void mismatchedCountsAndOutOfRangeLabelsAreRejected() throws Exception {
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), IdxTest.images(4, 2, 2));
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0, 1, 2});
        DataException count = assertThrows(DataException.class, () -> LabelledImages.read(dir, Split.TRAIN, 10));
        assertTrue(count.getMessage().contains("has 4 images but") && count.getMessage().contains("has 3 labels"), count.getMessage());
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0, 1, 2, 10});
        DataException label = assertThrows(DataException.class, () -> LabelledImages.read(dir, Split.TRAIN, 10));
        assertTrue(label.getMessage().contains("label 10 of item 3 is not one of the 10 classes"), label.getMessage());
    }
}
