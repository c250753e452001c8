package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dalesweep.task.data.Idx;
import org.dalesweep.task.data.Images;
import org.dalesweep.task.data.LabelledImages;
import org.dalesweep.task.data.LabelledImages.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get-data from local sources (no network): a Fashion-MNIST folder and a folder of digit JSON files. */
class GetDataCommandTest {

    @TempDir
    Path dir;

    private Path fashionSource() throws Exception {
        Path src = Files.createDirectories(dir.resolve("fashion-src"));
        Idx.writeImages(src.resolve(Split.TRAIN.imagesFile()), new Images(6, 28, 28, new byte[6 * 784]));
        Idx.writeLabels(src.resolve(Split.TRAIN.labelsFile()), new byte[] {0, 1, 2, 3, 4, 5});
        Idx.writeImages(src.resolve(Split.TEST.imagesFile()), new Images(2, 28, 28, new byte[2 * 784]));
        Idx.writeLabels(src.resolve(Split.TEST.labelsFile()), new byte[] {6, 9});
        return src;
    }

    private Path digitsSource() throws Exception {
        Path src = Files.createDirectories(dir.resolve("digits"));
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{\"data\": [");
            for (int k = 0; k < 5 * 784; k++) {
                sb.append(k == 0 ? "" : ",").append(k % 784 == 0 ? "0.5" : "0");
            }
            Files.writeString(src.resolve(d + ".json"), sb.append("]}").toString());
        }
        return src;
    }

    @Test
    void putsBothDataSetsInPlaceAndASecondRunLeavesThemAlone() throws Exception {
        Path data = dir.resolve("data");
        String[] args = {"--dir", data.toString(), "--fashion-from", fashionSource().toString(),
                "--mnist-from", digitsSource().toString()};
        CommandRun first = CommandRun.of(new GetDataCommand(), args);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("fashion-mnist: copied from"), first.out());
        assertTrue(first.out().contains("mnist: converted 50 digits"), first.out());
        LabelledImages mnistTrain = LabelledImages.read(data.resolve("mnist"), Split.TRAIN, 10);
        assertEquals(40, mnistTrain.count());
        assertEquals(128, mnistTrain.images().pixel(0, 0, 0), "0.5 becomes round(127.5) = 128");
        assertEquals(10, LabelledImages.read(data.resolve("mnist"), Split.TEST, 10).count());
        assertArrayEquals(new byte[] {6, 9}, LabelledImages.read(data.resolve("fashion-mnist"), Split.TEST, 10).labels());

        long before = Files.getLastModifiedTime(data.resolve("mnist").resolve(Split.TRAIN.imagesFile())).toMillis();
        CommandRun second = CommandRun.of(new GetDataCommand(), args);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("fashion-mnist: already in place: 6 train / 2 test images"), second.out());
        assertTrue(second.out().contains("mnist: already in place: 40 train / 10 test images"), second.out());
        assertEquals(before, Files.getLastModifiedTime(data.resolve("mnist").resolve(Split.TRAIN.imagesFile())).toMillis());
    }

    @Test
    void aCorruptFileInPlaceIsFetchedAgain() throws Exception {
        Path data = dir.resolve("data");
        String[] args = {"--dir", data.toString(), "--fashion-from", fashionSource().toString(),
                "--mnist-from", digitsSource().toString()};
        assertEquals(0, CommandRun.of(new GetDataCommand(), args).exitCode());
        Files.writeString(data.resolve("mnist").resolve(Split.TEST.labelsFile()), "garbage");
        CommandRun again = CommandRun.of(new GetDataCommand(), args);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("mnist: converted"), again.out());
        assertEquals(10, LabelledImages.read(data.resolve("mnist"), Split.TEST, 10).count());
    }

    @Test
    void anIncompleteSourceFailsWithExitCode1NamingTheFolderAndTheOtherSetStillArrives() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path data = dir.resolve("data");
        CommandRun run = CommandRun.of(new GetDataCommand(), "--dir", data.toString(), "--fashion-from", empty.toString(),
                "--mnist-from", digitsSource().toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("error: fashion-mnist: " + empty + ": does not hold the four Fashion-MNIST IDX files"), run.err());
        assertEquals(40, LabelledImages.read(data.resolve("mnist"), Split.TRAIN, 10).count());
    }
}
