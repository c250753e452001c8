package org.dalesweep.task.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    static Images images(int count, int rows, int cols) {
        byte[] px = new byte[count * rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        return new Images(count, rows, cols, px);
    }

    @Test
    void imagesAndLabelsRoundTripPlainAndGzipped() throws Exception {
        Images im = images(5, 3, 4);
        byte[] labels = {0, 9, 3, 3, 7};
        for (String suffix : new String[] {"", ".gz"}) {
            Path ip = dir.resolve("x-images-idx3-ubyte" + suffix);
            Path lp = dir.resolve("x-labels-idx1-ubyte" + suffix);
            Idx.writeImages(ip, im);
            Idx.writeLabels(lp, labels);
            Images back = Idx.readImages(ip);
            assertEquals(5, back.count());
            assertEquals(3, back.rows());
            assertEquals(4, back.cols());
            assertArrayEquals(im.pixels(), back.pixels());
            assertArrayEquals(labels, Idx.readLabels(lp));
            byte[] raw = Files.readAllBytes(ip);
            assertEquals(suffix.isEmpty(), raw[0] == 0 && raw[2] == 8, "gzip exactly when the name says .gz");
        }
        assertEquals(im.pixels()[1 * 12 + 2 * 4 + 3] & 0xff, Idx.readImages(dir.resolve("x-images-idx3-ubyte")).pixel(1, 2, 3));
    }

    @Test
    void aLabelFileReadAsImagesIsRejectedNamingPathAndMagic() throws Exception {
        Path lp = dir.resolve("train-images-idx3-ubyte.gz");
        Idx.writeLabels(lp, new byte[] {1, 2});
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(lp));
        assertEquals(lp + ": not an IDX image file (magic 0x00000801, expected 0x00000803)", e.getMessage());
        Path ip = dir.resolve("labels");
        Idx.writeImages(ip, images(1, 2, 2));
        DataException l = assertThrows(DataException.class, () -> Idx.readLabels(ip));
        assertTrue(l.getMessage().startsWith(ip + ": not an IDX label file (magic 0x00000803"), l.getMessage());
    }

    @Test
    void truncatedOrOverlongOrMissingFilesAreNamed() throws Exception {
        Path p = dir.resolve("short-images");
        write(p, false, 0x803, new int[] {10, 28, 28}, 100);
        DataException shortFile = assertThrows(DataException.class, () -> Idx.readImages(p));
        assertEquals(p + ": truncated: the header announces 7840 pixel bytes, found 100", shortFile.getMessage());

        Path q = dir.resolve("long-labels.gz");
        write(q, true, 0x801, new int[] {3}, 5);
        DataException longFile = assertThrows(DataException.class, () -> Idx.readLabels(q));
        assertTrue(longFile.getMessage().contains("more data than the header announces"), longFile.getMessage());

        Path r = dir.resolve("header-only");
        Files.write(r, new byte[] {0, 0, 8});
        assertTrue(assertThrows(DataException.class, () -> Idx.readImages(r)).getMessage().contains("truncated IDX header"));

        Path missing = dir.resolve("nope-images-idx3-ubyte.gz");
        DataException gone = assertThrows(DataException.class, () -> Idx.readImages(missing));
        assertEquals(missing + ": no such file", gone.getMessage());
        assertTrue(gone.getCause() instanceof IOException, "the IOException is chained");
    }

    @Test
    void corruptGzipIsReportedAsSuch() throws Exception {
        Path p = dir.resolve("bad.gz");
        Files.write(p, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(p));
        assertTrue(e.getMessage().startsWith(p + ":"), e.getMessage());
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path p = dir.resolve("sub/t10k-labels-idx1-ubyte.gz");
        Idx.writeLabels(p, new byte[] {1});
        Idx.writeLabels(p, new byte[] {2, 3});
        assertArrayEquals(new byte[] {2, 3}, Idx.readLabels(p));
        try (var files = Files.list(p.getParent())) {
            assertEquals(1, files.count());
        }
    }

    /** Writes a raw IDX file: magic, sizes, then {@code bodyBytes} bytes. */
    static void write(Path p, boolean gz, int magic, int[] sizes, int bodyBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(gz ? new GZIPOutputStream(bytes) : bytes)) {
            out.writeInt(magic);
            for (int s : sizes) {
                out.writeInt(s);
            }
            out.write(new byte[bodyBytes]);
        }
        Files.write(p, bytes.toByteArray());
    }
}
