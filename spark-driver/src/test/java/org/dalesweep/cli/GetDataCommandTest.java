package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dalesweep.task.data.Idx;
import org.dalesweep.task.data.Images;
import org.dalesweep.task.data.LabelledImages;
import org.dalesweep.task.data.LabelledImages.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * get-data from local sources (no network): a Fashion-MNIST folder and a folder of four small MNIST
 * IDX files, pinned for the test as the real ones are in {@link GetDataCommand#MNIST_FILES}.
 */
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

    /** Four plain IDX files in MNIST's names: 5 train / 2 test images, pixel (0, 0) of image i = i + 1. */
    private Path mnistSource() throws Exception {
        Path src = Files.createDirectories(dir.resolve("mnist-src"));
        for (Split split : Split.values()) {
            int count = split == Split.TRAIN ? 5 : 2;
            byte[] px = new byte[count * 784];
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                px[i * 784] = (byte) (i + 1);
                labels[i] = (byte) (9 - i);
            }
            Idx.writeImages(src.resolve(plain(split.imagesFile())), new Images(count, 28, 28, px));
            Idx.writeLabels(src.resolve(plain(split.labelsFile())), labels);
        }
        return src;
    }

    private static String plain(String gzName) {
        return gzName.substring(0, gzName.length() - ".gz".length());
    }

    /** The pins of the files in {@code src}, in the order of the real ones. */
    private static List<PinnedIdx> pins(Path src) throws Exception {
        List<PinnedIdx> pins = new ArrayList<>();
        for (PinnedIdx real : GetDataCommand.MNIST_FILES) {
            Path f = src.resolve(real.name());
            int count = real.images() ? Idx.readImages(f).count() : Idx.readLabels(f).length;
            pins.add(new PinnedIdx(real.name(), real.magic(), count, PinnedIdx.sha256Of(f)));
        }
        return pins;
    }

    /** A get-data command that accepts the fixture's MNIST files. */
    private GetDataCommand command(Path mnist) throws Exception {
        GetDataCommand c = new GetDataCommand();
        c.mnistFiles = pins(mnist);
        return c;
    }

    @Test
    void putsBothDataSetsInPlaceAndASecondRunLeavesThemAlone() throws Exception {
        Path data = dir.resolve("data");
        Path mnist = mnistSource();
        String[] args = {"--dir", data.toString(), "--fashion-from", fashionSource().toString(), "--mnist-from", mnist.toString()};
        CommandRun first = CommandRun.of(command(mnist), args);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("fashion-mnist: copied from"), first.out());
        assertTrue(first.out().contains("mnist: 4 files from " + mnist + ", SHA-256 checked: 5 train / 2 test images"), first.out());
        LabelledImages mnistTrain = LabelledImages.read(data.resolve("mnist"), Split.TRAIN, 10);
        assertEquals(5, mnistTrain.count());
        assertEquals(3, mnistTrain.images().pixel(2, 0, 0));
        assertEquals(9, mnistTrain.label(0));
        for (PinnedIdx f : pins(mnist)) {
            Path written = data.resolve("mnist").resolve(f.name() + ".gz");
            assertEquals(f.sha256(), PinnedIdx.sha256Of(written), "the bytes of " + f.name() + ", gzipped");
        }
        assertArrayEquals(new byte[] {6, 9}, LabelledImages.read(data.resolve("fashion-mnist"), Split.TEST, 10).labels());

        long before = Files.getLastModifiedTime(data.resolve("mnist").resolve(Split.TRAIN.imagesFile())).toMillis();
        CommandRun second = CommandRun.of(command(mnist), args);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("fashion-mnist: already in place: 6 train / 2 test images"), second.out());
        assertTrue(second.out().contains("mnist: already in place: 5 train / 2 test images"), second.out());
        assertEquals(before, Files.getLastModifiedTime(data.resolve("mnist").resolve(Split.TRAIN.imagesFile())).toMillis());
    }

    @Test
    void aCorruptFileInPlaceIsFetchedAgainAndOnlyThatOne() throws Exception {
        Path data = dir.resolve("data");
        Path mnist = mnistSource();
        String[] args = {"--dir", data.toString(), "--fashion-from", fashionSource().toString(), "--mnist-from", mnist.toString()};
        assertEquals(0, CommandRun.of(command(mnist), args).exitCode());
        Path trainImages = data.resolve("mnist").resolve(Split.TRAIN.imagesFile());
        long before = Files.getLastModifiedTime(trainImages).toMillis();
        Files.writeString(data.resolve("mnist").resolve(Split.TEST.labelsFile()), "garbage");
        CommandRun again = CommandRun.of(command(mnist), args);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("is unreadable; fetching it again"), again.out());
        assertTrue(again.out().contains("mnist: 1 file from"), again.out());
        assertEquals(2, LabelledImages.read(data.resolve("mnist"), Split.TEST, 10).count());
        assertEquals(before, Files.getLastModifiedTime(trainImages).toMillis(), "the intact files are not rewritten");
    }

    @Test
    void anotherDataSetInPlaceIsLeftAloneAndNamed() throws Exception {
        Path data = dir.resolve("data");
        Path mnist = mnistSource();
        Path other = Files.createDirectories(data.resolve("mnist"));
        Idx.writeImages(other.resolve(Split.TRAIN.imagesFile()), new Images(3, 28, 28, new byte[3 * 784]));
        Idx.writeLabels(other.resolve(Split.TRAIN.labelsFile()), new byte[] {1, 2, 3});
        Idx.writeImages(other.resolve(Split.TEST.imagesFile()), new Images(1, 28, 28, new byte[784]));
        Idx.writeLabels(other.resolve(Split.TEST.labelsFile()), new byte[] {4});
        byte[] trainBefore = Files.readAllBytes(other.resolve(Split.TRAIN.imagesFile()));
        CommandRun run = CommandRun.of(command(mnist), "--dir", data.toString(), "--fashion-from", fashionSource().toString(),
                "--mnist-from", mnist.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("dalesweep get-data: mnist: " + other + " holds another data set (train-images-idx3-ubyte.gz"),
                run.err());
        assertTrue(run.err().contains("3 train / 1 test images"), run.err());
        assertTrue(run.err().contains("left alone; move it away"), run.err());
        assertArrayEquals(trainBefore, Files.readAllBytes(other.resolve(Split.TRAIN.imagesFile())));
        assertEquals(6, LabelledImages.read(data.resolve("fashion-mnist"), Split.TRAIN, 10).count(), "the other set still arrives");
    }

    @Test
    void aSourceFileWithAnotherHashMagicOrCountIsRefusedByNameAndNothingIsWritten() throws Exception {
        Path data = dir.resolve("data");
        Path mnist = mnistSource();
        List<PinnedIdx> pins = pins(mnist);
        Path testLabels = mnist.resolve("t10k-labels-idx1-ubyte");

        Idx.writeLabels(testLabels, new byte[] {0, 0});
        GetDataCommand hash = new GetDataCommand();
        hash.mnistFiles = pins;
        CommandRun run = CommandRun.of(hash, "--dir", data.toString(), "--fashion-from", fashionSource().toString(),
                "--mnist-from", mnist.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("dalesweep get-data: mnist: " + testLabels + ": SHA-256 "), run.err());
        assertTrue(run.err().contains(", expected " + pins.get(3).sha256()), run.err());
        assertFalse(Files.exists(data.resolve("mnist")), "nothing written when a file is wrong");

        Files.copy(mnist.resolve("t10k-images-idx3-ubyte"), testLabels, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        GetDataCommand magic = new GetDataCommand();
        magic.mnistFiles = pins;
        run = CommandRun.of(magic, "--dir", data.toString(), "--fashion-from", fashionSource().toString(),
                "--mnist-from", mnist.toString());
        assertTrue(run.err().contains(testLabels + ": magic number 2051, expected 2049 (IDX labels)"), run.err());

        Idx.writeLabels(testLabels, new byte[] {0, 0, 0});
        GetDataCommand count = new GetDataCommand();
        count.mnistFiles = pins;
        run = CommandRun.of(count, "--dir", data.toString(), "--fashion-from", fashionSource().toString(),
                "--mnist-from", mnist.toString());
        assertTrue(run.err().contains(testLabels + ": holds 3 labels, expected 2"), run.err());
        assertFalse(Files.exists(data.resolve("mnist")));
    }

    @Test
    void theRealFilesArePinnedWithTheirHeaders() {
        assertEquals(List.of(60_000, 60_000, 10_000, 10_000), GetDataCommand.MNIST_FILES.stream().map(PinnedIdx::count).toList());
        assertEquals(List.of(2051, 2049, 2051, 2049), GetDataCommand.MNIST_FILES.stream().map(PinnedIdx::magic).toList());
        assertEquals(47_040_016, GetDataCommand.MNIST_FILES.get(0).length());
        assertEquals(10_008, GetDataCommand.MNIST_FILES.get(3).length());
    }

    @Test
    void anIncompleteSourceFailsWithExitCode1NamingTheFolderAndTheOtherSetStillArrives() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path data = dir.resolve("data");
        Path mnist = mnistSource();
        CommandRun run = CommandRun.of(command(mnist), "--dir", data.toString(), "--fashion-from", empty.toString(),
                "--mnist-from", mnist.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("dalesweep get-data: fashion-mnist: " + empty + ": does not hold the four Fashion-MNIST IDX files"), run.err());
        assertEquals(5, LabelledImages.read(data.resolve("mnist"), Split.TRAIN, 10).count());
    }
}
