package org.dalesweep.npz;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of one {@code .npy} array (NumPy's format, versions 1.0, 2.0 and 3.0): its dtype
 * descriptor ({@code '<f4'}), whether it is stored in Fortran order, and its shape. Parsed from the
 * header alone, so a file's arrays can be checked without reading their data.
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the shape (1 for a 0-d array). */
    public long count() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as NumPy prints it: {@code (3, 50, 4)}. */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList()) + ")";
    }

    /**
     * Reads the magic string, version and header dict from {@code in}, leaving it at the first byte
     * of the data; {@code where} names the file and array in messages.
     */
    public static NpyHeader read(InputStream in, String where) throws NpzException {
        try {
            DataInputStream data = new DataInputStream(in);
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new NpzException(where + ": not a NumPy .npy array (no \\x93NUMPY magic string)");
            }
            int major = data.readUnsignedByte();
            int minor = data.readUnsignedByte();
            long length;
            if (major == 1 && minor == 0) {
                length = data.readUnsignedByte() | (data.readUnsignedByte() << 8);
            } else if ((major == 2 || major == 3) && minor == 0) {
                length = (data.readUnsignedByte() | (data.readUnsignedByte() << 8) | (data.readUnsignedByte() << 16))
                        | ((long) data.readUnsignedByte() << 24);
            } else {
                throw new NpzException(where + ": .npy format version " + major + "." + minor
                        + " is not one this reader knows (1.0, 2.0, 3.0)");
            }
            if (length > 1 << 20) {
                throw new NpzException(where + ": a .npy header of " + length + " bytes is not plausible");
            }
            byte[] text = new byte[(int) length];
            data.readFully(text);
            return parse(new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), where);
        } catch (EOFException e) {
            throw new NpzException(where + ": the .npy header is cut short", e);
        } catch (IOException e) {
            throw new NpzException(where + ": cannot read the .npy header: " + e.getMessage(), e);
        }
    }

    static NpyHeader parse(String dict, String where) throws NpzException {
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find()) {
            throw new NpzException(where + ": a structured or unreadable dtype in the .npy header "
                    + dict.strip() + " (expected a plain dtype such as '<f4')");
        }
        if (!fortran.find() || !shape.find()) {
            throw new NpzException(where + ": a .npy header without fortran_order or shape: " + dict.strip());
        }
        String[] parts = shape.group(1).split(",");
        long[] dims = Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }).toArray();
        if (Arrays.stream(dims).anyMatch(d -> d < 0)) {
            throw new NpzException(where + ": unreadable shape (" + shape.group(1) + ") in the .npy header");
        }
        return new NpyHeader(descr.group(1), fortran.group(1).equals("True"), dims);
    }

    /**
     * The header bytes of an array as NumPy writes them (version 1.0, or 2.0 when the dict does not
     * fit 65,535 bytes): magic, version, length, the dict padded with spaces and a newline so that
     * the data starts at a multiple of 64 bytes.
     */
    byte[] encode() {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shapeText + ", }";
        int prefix = MAGIC.length + 2 + 2;
        boolean v2 = prefix + dict.length() + 1 > 65535;
        if (v2) {
            prefix += 2;
        }
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        byte[] out = new byte[prefix + text.length()];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) (v2 ? 2 : 1);
        out[7] = 0;
        int len = text.length();
        out[8] = (byte) len;
        out[9] = (byte) (len >>> 8);
        if (v2) {
            out[10] = (byte) (len >>> 16);
            out[11] = (byte) (len >>> 24);
        }
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, out, prefix, t.length);
        return out;
    }
}
