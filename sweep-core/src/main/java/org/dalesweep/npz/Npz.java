package org.dalesweep.npz;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A NumPy {@code .npz} archive open for reading: a zip of {@code <name>.npy} arrays, stored or
 * deflated, as {@code numpy.savez} and {@code numpy.savez_compressed} write it. Headers can be read
 * without the data ({@link #header}); data is read in C order as float32 ({@code <f4}, {@code <f8}),
 * integers ({@code <i8} … {@code |u1}, {@code |b1}) or text (a 0-d {@code <U} string). Fortran
 * order, big-endian and any other dtype are refused, naming the file and the array.
 */
public final class Npz implements AutoCloseable {

    private final Path path;
    private final ZipFile zip;

    private Npz(Path path, ZipFile zip) {
        this.path = path;
        this.zip = zip;
    }

    /** Opens {@code path}; a missing, unreadable or non-zip file is an {@link NpzException} naming it. */
    public static Npz open(Path path) throws NpzException {
        if (!Files.isRegularFile(path)) {
            throw new NpzException(path + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
        }
        try {
            return new Npz(path, new ZipFile(path.toFile()));
        } catch (ZipException e) {
            throw new NpzException(path + ": not a NumPy .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NpzException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The names of the arrays, in the archive's order (entry names without {@code .npy}). */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            if (n.endsWith(".npy")) {
                out.add(n.substring(0, n.length() - 4));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The header of array {@code name}, empty when the archive has no such array; reads no data. */
    public Optional<NpyHeader> header(String name) throws NpzException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Optional.of(NpyHeader.read(in, where(name)));
        } catch (IOException e) {
            throw new NpzException(where(name) + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The header of an array that must be there. */
    public NpyHeader require(String name) throws NpzException {
        return header(name).orElseThrow(() -> missing(name));
    }

    private NpzException missing(String name) {
        return new NpzException(where(name) + ": no such array (the file has "
                + (names().isEmpty() ? "none" : String.join(", ", names())) + ")");
    }

    /** A float array ({@code <f4} or {@code <f8}, C order) as float32, flattened in C order. */
    public float[] floats(String name) throws NpzException {
        Read r = read(name);
        int n = r.count;
        float[] out = new float[n];
        switch (r.header.descr()) {
            case "<f4" -> r.bytes.asFloatBuffer().get(out);
            case "<f8" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) r.bytes.getDouble(i * 8);
                }
            }
            default -> throw new NpzException(where(name) + ": dtype " + r.header.descr()
                    + " where float32 or float64 ('<f4', '<f8') is needed");
        }
        return out;
    }

    /** A float array at full width: {@code <f8} exactly, {@code <f4} widened. */
    public double[] doubles(String name) throws NpzException {
        Read r = read(name);
        double[] out = new double[r.count];
        switch (r.header.descr()) {
            case "<f8" -> r.bytes.asDoubleBuffer().get(out);
            case "<f4" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = r.bytes.getFloat(i * 4);
                }
            }
            default -> throw new NpzException(where(name) + ": dtype " + r.header.descr()
                    + " where float32 or float64 ('<f4', '<f8') is needed");
        }
        return out;
    }

    /** An integer or boolean array as longs ({@code <i8 <i4 <i2 |i1 <u4 <u2 |u1 |b1}). */
    public long[] integers(String name) throws NpzException {
        Read r = read(name);
        long[] out = new long[r.count];
        ByteBuffer b = r.bytes;
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (r.header.descr()) {
                case "<i8" -> b.getLong(i * 8);
                case "<i4" -> b.getInt(i * 4);
                case "<i2" -> b.getShort(i * 2);
                case "|i1" -> b.get(i);
                case "<u4" -> Integer.toUnsignedLong(b.getInt(i * 4));
                case "<u2" -> Short.toUnsignedInt(b.getShort(i * 2));
                case "|u1", "|b1" -> Byte.toUnsignedInt(b.get(i));
                default -> throw new NpzException(where(name) + ": dtype " + r.header.descr()
                        + " where an integer dtype ('<i8', '<i4', '|u1', …) is needed");
            };
        }
        return out;
    }

    /** A 0-d unicode string ({@code <U n}) as text, or a 1-d uint8 array of UTF-8 bytes. */
    public String text(String name) throws NpzException {
        Read r = read(name);
        String descr = r.header.descr();
        if (descr.startsWith("<U") && r.header.shape().length == 0) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i + 4 <= r.bytes.capacity(); i += 4) {
                int cp = r.bytes.getInt(i);
                if (cp != 0) {
                    sb.appendCodePoint(cp);
                }
            }
            return sb.toString();
        }
        if (descr.equals("|u1") && r.header.shape().length == 1) {
            byte[] bytes = new byte[r.count];
            r.bytes.get(0, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        throw new NpzException(where(name) + ": dtype " + descr + " of shape " + r.header.shapeText()
                + " where a 0-d string ('<U') or a uint8 byte array is needed");
    }

    private record Read(NpyHeader header, int count, ByteBuffer bytes) {
    }

    private Read read(String name) throws NpzException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            throw missing(name);
        }
        try (InputStream raw = zip.getInputStream(entry)) {
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            NpyHeader h = NpyHeader.read(in, where(name));
            if (h.fortranOrder()) {
                throw new NpzException(where(name) + ": stored in Fortran order (fortran_order: True); save it in C order"
                        + " (numpy.ascontiguousarray)");
            }
            int width = width(h.descr(), name);
            long bytes = h.count() * width;
            if (bytes > Integer.MAX_VALUE - 64) {
                throw new NpzException(where(name) + ": " + h.shapeText() + " of " + h.descr() + " is larger than 2 GB");
            }
            byte[] data = new byte[(int) bytes];
            new DataInputStream(in).readFully(data);
            return new Read(h, (int) h.count(), ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
        } catch (java.io.EOFException e) {
            throw new NpzException(where(name) + ": the data is cut short (the file is truncated)", e);
        } catch (IOException e) {
            throw new NpzException(where(name) + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Bytes per element of the dtypes this reader takes. */
    static int width(String descr, String name, Path path) throws NpzException {
        return switch (descr) {
            case "<f8", "<i8" -> 8;
            case "<f4", "<i4", "<u4" -> 4;
            case "<i2", "<u2" -> 2;
            case "|i1", "|u1", "|b1" -> 1;
            default -> {
                if (descr.startsWith("<U")) {
                    try {
                        yield 4 * Integer.parseInt(descr.substring(2));
                    } catch (NumberFormatException e) {
                        throw new NpzException(path + ": array '" + name + "': unreadable dtype " + descr, e);
                    }
                }
                throw new NpzException(path + ": array '" + name + "': dtype " + descr + " is not one this reader takes"
                        + " (little-endian floats '<f4' '<f8', integers, booleans, 0-d strings)");
            }
        };
    }

    private int width(String descr, String name) throws NpzException {
        return width(descr, name, path);
    }

    private String where(String name) {
        return path + ": array '" + name + "'";
    }

    @Override
    public void close() throws NpzException {
        try {
            zip.close();
        } catch (IOException e) {
            throw new NpzException(path + ": cannot close: " + e.getMessage(), e);
        }
    }
}
