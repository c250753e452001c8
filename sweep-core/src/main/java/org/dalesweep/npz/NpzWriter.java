package org.dalesweep.npz;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} archive that {@code numpy.load} reads: one {@code <name>.npy} entry per
 * array (version 1.0 headers, C order, little-endian), deflated like {@code numpy.savez_compressed}
 * or stored like {@code numpy.savez}. The archive is written to a hidden temporary file beside the
 * target (created with the usual permissions) and renamed into place, so a reader never sees half
 * of it and a failed write leaves nothing.
 */
public final class NpzWriter {

    private record Entry(String name, NpyHeader header, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A float32 array of the given shape (C order). */
    public NpzWriter floats(String name, float[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 4, name, shape);
        b.asFloatBuffer().put(values);
        return add(name, "<f4", shape, b);
    }

    /** A float64 array of the given shape (C order). */
    public NpzWriter doubles(String name, double[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 8, name, shape);
        b.asDoubleBuffer().put(values);
        return add(name, "<f8", shape, b);
    }

    /** An int64 array of the given shape (C order). */
    public NpzWriter longs(String name, long[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 8, name, shape);
        b.asLongBuffer().put(values);
        return add(name, "<i8", shape, b);
    }

    /** An int8 array of the given shape (C order), e.g. signs. */
    public NpzWriter bytes(String name, byte[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 1, name, shape);
        b.put(values);
        return add(name, "|i1", shape, b);
    }

    /** A 0-d unicode string array ({@code <U n}, UTF-32LE as NumPy stores it): {@code str(z[name])} in Python. */
    public NpzWriter text(String name, String value) {
        int[] cps = value.codePoints().toArray();
        int n = Math.max(1, cps.length);
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int cp : cps) {
            b.putInt(cp);
        }
        return add(name, "<U" + n, new long[0], b);
    }

    private static ByteBuffer buffer(int count, int width, String name, long[] shape) {
        long product = 1;
        for (long d : shape) {
            product *= d;
        }
        if (product != count) {
            throw new IllegalArgumentException(name + ": " + count + " values for shape " + java.util.Arrays.toString(shape));
        }
        return ByteBuffer.allocate(count * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    private NpzWriter add(String name, String descr, long[] shape, ByteBuffer data) {
        if (entries.stream().anyMatch(e -> e.name().equals(name))) {
            throw new IllegalArgumentException("array '" + name + "' added twice");
        }
        entries.add(new Entry(name, new NpyHeader(descr, false, shape), data.array()));
        return this;
    }

    /**
     * Writes the archive to {@code target} through a temporary file in the same directory and an
     * atomic rename; {@code compress} deflates the entries. Replaces an existing target.
     */
    public void write(Path target, boolean compress) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16);
                 ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
                zip.setMethod(compress ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
                for (Entry e : entries) {
                    byte[] header = e.header().encode();
                    ZipEntry z = new ZipEntry(e.name() + ".npy");
                    if (!compress) {
                        CRC32 crc = new CRC32();
                        crc.update(header);
                        crc.update(e.data());
                        z.setSize(header.length + e.data().length);
                        z.setCompressedSize(header.length + e.data().length);
                        z.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(z);
                    zip.write(header);
                    zip.write(e.data());
                    zip.closeEntry();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
