package org.dalesweep.task.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian header — two zero
 * bytes, a type byte (0x08 = unsigned byte), the number of dimensions — then one 32-bit size per
 * dimension, then the data. Images are {@code idx3} (magic 0x00000803: count, rows, cols), labels
 * {@code idx1} (magic 0x00000801: count). Files may be gzipped (recognised by their content, not
 * their name); writing gzips when the name ends in {@code .gz} and is atomic (a temporary file in
 * the same directory, then a rename), so a reader never sees half a file.
 */
public final class Idx {

    /** Magic number of an idx3 unsigned-byte file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an idx1 unsigned-byte file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** Reads an idx3 image file, checking its magic number, its sizes and that it holds exactly the data they announce. */
    public static Images readImages(Path path) throws DataException {
        try (DataInputStream in = open(path)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataException(path + ": not an IDX image file (magic 0x" + hex(magic) + ", expected 0x"
                        + hex(IMAGES_MAGIC) + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE - 8) {
                throw new DataException(path + ": implausible image sizes " + count + " × " + rows + " × " + cols);
            }
            byte[] pixels = body(in, path, count * rows * cols, "pixel");
            return new Images(count, rows, cols, pixels);
        } catch (EOFException e) {
            throw new DataException(path + ": truncated IDX header", e);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /** Reads an idx1 label file, checking its magic number and count. */
    public static byte[] readLabels(Path path) throws DataException {
        try (DataInputStream in = open(path)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataException(path + ": not an IDX label file (magic 0x" + hex(magic) + ", expected 0x"
                        + hex(LABELS_MAGIC) + ")");
            }
            int count = in.readInt();
            if (count < 0) {
                throw new DataException(path + ": negative label count " + count);
            }
            return body(in, path, count, "label");
        } catch (EOFException e) {
            throw new DataException(path + ": truncated IDX header", e);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /** Writes images as idx3 (gzipped when the name ends in .gz), atomically. */
    public static void writeImages(Path path, Images images) throws DataException {
        write(path, out -> {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.rows());
            out.writeInt(images.cols());
            out.write(images.pixels());
        });
    }

    /** Writes labels as idx1 (gzipped when the name ends in .gz), atomically. */
    public static void writeLabels(Path path, byte[] labels) throws DataException {
        write(path, out -> {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        });
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static void write(Path path, Body body) throws DataException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
                 OutputStream maybeGz = path.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                 DataOutputStream out = new DataOutputStream(maybeGz)) {
                body.write(out);
            }
            moveIntoPlace(tmp, path);
        } catch (IOException e) {
            throw new DataException(path + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is named as such; a leftover harms nothing
                }
            }
        }
    }

    /**
     * Publishes a finished temporary file under its final name: readable by all (a temporary file
     * starts owner-only) and renamed atomically where the file system can, so readers see the old
     * file or the new one, never a part.
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static DataInputStream open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static byte[] body(DataInputStream in, Path path, int length, String what) throws IOException, DataException {
        byte[] data = new byte[length];
        int read = in.readNBytes(data, 0, length);
        if (read < length) {
            throw new DataException(path + ": truncated: the header announces " + length + " " + what + " bytes, found " + read);
        }
        if (in.read() >= 0) {
            throw new DataException(path + ": more data than the header announces (" + length + " " + what + " bytes)");
        }
        return data;
    }

    private static DataException unreadable(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(path + ": no such file", e);
        }
        if (e instanceof java.util.zip.ZipException) {
            return new DataException(path + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new DataException(path + ": cannot read (" + e.getMessage() + ")", e);
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }
}
