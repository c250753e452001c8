package org.dalesweep.cli;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.dalesweep.task.data.DataException;
import org.dalesweep.task.data.Idx;

/**
 * One IDX file that {@code get-data} takes from a package, pinned: its standard name (without
 * {@code .gz}), the magic number and item count its header must announce (images 28×28), and the
 * SHA-256 of its uncompressed bytes. A file is checked in that order, so a wrong file is reported by
 * what is wrong with it (magic, count, size, length) before its hash.
 */
record PinnedIdx(String name, int magic, int count, String sha256) {

    static final int ROWS = 28;
    static final int COLS = 28;

    PinnedIdx {
        if (magic != Idx.IMAGES_MAGIC && magic != Idx.LABELS_MAGIC) {
            throw new IllegalArgumentException(name + ": magic " + magic + " is neither IDX images (2051) nor labels (2049)");
        }
        if (count < 0 || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + ": count " + count + ", SHA-256 " + sha256
                    + " (need a count >= 0 and 64 lower-case hex digits)");
        }
    }

    boolean images() {
        return magic == Idx.IMAGES_MAGIC;
    }

    /** Bytes of the uncompressed file: header and body. */
    long length() {
        return images() ? 16 + (long) count * ROWS * COLS : 8 + (long) count;
    }

    /**
     * Checks that {@code file} (plain or gzipped) holds exactly this content; otherwise a
     * DataException naming the file and what differs.
     */
    void verify(Path file) throws DataException {
        MessageDigest sha = sha256Digest();
        long length;
        try (InputStream raw = open(file); DigestInputStream digest = new DigestInputStream(raw, sha);
             DataInputStream in = new DataInputStream(digest)) {
            int headerMagic = in.readInt();
            if (headerMagic != magic) {
                throw new DataException(file + ": magic number " + headerMagic + ", expected " + magic + " (IDX "
                        + (images() ? "images" : "labels") + ")");
            }
            int headerCount = in.readInt();
            if (headerCount != count) {
                throw new DataException(file + ": holds " + headerCount + " " + (images() ? "images" : "labels")
                        + ", expected " + count);
            }
            length = 8;
            if (images()) {
                int rows = in.readInt();
                int cols = in.readInt();
                if (rows != ROWS || cols != COLS) {
                    throw new DataException(file + ": images are " + rows + "x" + cols + ", expected " + ROWS + "x" + COLS);
                }
                length = 16;
            }
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                length += n;
            }
        } catch (java.io.EOFException e) {
            throw new DataException(file + ": truncated IDX header", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (length != length()) {
            throw new DataException(file + ": " + length + " bytes, expected " + length() + " for " + count + " "
                    + (images() ? "28x28 images" : "labels"));
        }
        String got = HexFormat.of().formatHex(sha.digest());
        if (!got.equals(sha256)) {
            throw new DataException(file + ": SHA-256 " + got + ", expected " + sha256 + " (the pinned " + name + ")");
        }
    }

    /** Whether {@code file} holds exactly this content (false for any difference or read error). */
    boolean matches(Path file) {
        try {
            verify(file);
            return true;
        } catch (DataException e) {
            return false;
        }
    }

    /** The SHA-256 of a file's uncompressed bytes, lower-case hex. */
    static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256Digest();
        try (InputStream in = new DigestInputStream(open(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A file's bytes, decompressed when it is gzipped (recognised by its content, as {@link Idx} does). */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

}
