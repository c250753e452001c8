package org.dalesweep.npz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npz reader and writer: round trips, NumPy's header versions, and refusals that name file and array. */
class NpzTest {

    @TempDir
    Path dir;

    @Test
    void whatTheWriterWritesReadsBackStoredAndDeflated() throws Exception {
        for (boolean compress : new boolean[] {false, true}) {
            Path file = dir.resolve("a" + compress + ".npz");
            float[] f = {1.5f, -2f, 3.25f, 0f, 7f, 1e-30f};
            double[] d = {Math.PI, -Math.E};
            long[] l = {-1, 0, 1L << 40};
            new NpzWriter().floats("f", f, 2, 3).doubles("d", d, 2).longs("l", l, 3)
                    .text("spec", "{\"a\": \"\u00e9\u4e2d\"}").bytes("s", new byte[] {1, -1}, 2).write(file, compress);
            try (Npz npz = Npz.open(file)) {
                assertEquals(List.of("f", "d", "l", "spec", "s"), npz.names());
                assertArrayEquals(new long[] {2, 3}, npz.require("f").shape());
                assertEquals("<f4", npz.require("f").descr());
                assertArrayEquals(f, npz.floats("f"));
                assertArrayEquals(d, npz.doubles("d"));
                assertArrayEquals(new float[] {(float) Math.PI, (float) -Math.E}, npz.floats("d"));
                assertArrayEquals(l, npz.integers("l"));
                assertArrayEquals(new long[] {1, 255}, new long[] {npz.integers("s")[0], npz.integers("s")[1] & 0xff});
                assertEquals("{\"a\": \"\u00e9\u4e2d\"}", npz.text("spec"));
                assertEquals(0, npz.require("spec").shape().length, "a 0-d string");
            }
            try (ZipInputStreamCheck z = new ZipInputStreamCheck(file)) {
                assertEquals(compress ? ZipEntry.DEFLATED : ZipEntry.STORED, z.method());
            }
        }
    }

    @Test
    void headersAreThoseNumpyWritesPaddedToSixtyFourBytes() throws Exception {
        byte[] h = new NpyHeader("<f4", false, new long[] {3, 50, 4}).encode();
        assertEquals(0, h.length % 64);
        String text = new String(h, 10, h.length - 10, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 50, 4), }"), text);
        assertTrue(text.endsWith(" \n"), text);
        String one = new String(new NpyHeader("<i8", false, new long[] {5}).encode(), StandardCharsets.ISO_8859_1);
        assertTrue(one.contains("'shape': (5,)"), "a 1-d shape has NumPy's trailing comma: " + one);
    }

    @Test
    void readsVersionTwoHeadersAndNumpysOwnSpelling() throws Exception {
        // a header in NumPy 1.x's spelling (keys in this order, 16-byte alignment), as version 2.0
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
        Path file = handMade("v2.npz", "x", 2, dict, doubles(1, 2, 3, 4));
        try (Npz npz = Npz.open(file)) {
            assertArrayEquals(new double[] {1, 2, 3, 4}, npz.doubles("x"));
            assertArrayEquals(new long[] {2, 2}, npz.require("x").shape());
        }
    }

    @Test
    void fortranOrderOtherDtypesAndMissingArraysAreRefusedNamingFileAndArray() throws Exception {
        Path fortran = handMade("f.npz", "inputs", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }",
                floats(1, 2));
        NpzException e = assertThrows(NpzException.class, () -> {
            try (Npz npz = Npz.open(fortran)) {
                npz.floats("inputs");
            }
        });
        assertTrue(e.getMessage().contains(fortran.toString()) && e.getMessage().contains("'inputs'")
                && e.getMessage().contains("Fortran"), e.getMessage());

        Path big = handMade("b.npz", "targets", 1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", floats(1));
        e = assertThrows(NpzException.class, () -> {
            try (Npz npz = Npz.open(big)) {
                npz.floats("targets");
            }
        });
        assertTrue(e.getMessage().contains("'targets'") && e.getMessage().contains(">f4"), e.getMessage());

        e = assertThrows(NpzException.class, () -> {
            try (Npz npz = Npz.open(big)) {
                npz.floats("mask");
            }
        });
        assertTrue(e.getMessage().contains("'mask'") && e.getMessage().contains("no such array")
                && e.getMessage().contains("targets"), e.getMessage());

        Path notZip = Files.writeString(dir.resolve("t.npz"), "hello");
        e = assertThrows(NpzException.class, () -> Npz.open(notZip));
        assertTrue(e.getMessage().contains(notZip.toString()) && e.getMessage().contains("zip"), e.getMessage());
    }

    @Test
    void aTruncatedArrayIsNamedNotReadShort() throws Exception {
        Path file = handMade("cut.npz", "inputs", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", floats(1, 2));
        NpzException e = assertThrows(NpzException.class, () -> {
            try (Npz npz = Npz.open(file)) {
                npz.floats("inputs");
            }
        });
        assertTrue(e.getMessage().contains("'inputs'") && e.getMessage().contains("cut short"), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesNoFileBehind() throws Exception {
        Path target = dir.resolve("missing-dir").resolve("x.npz");
        assertThrows(java.io.IOException.class, () -> new NpzWriter().floats("a", new float[] {1}, 1).write(target, true));
        assertTrue(Files.notExists(target));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary file left");
        }
    }

    /**
     * Files NumPy itself writes ({@code savez}: stored, {@code savez_compressed}: deflated; float64,
     * float32, int64, int32, a Fortran-order array) read back value for value, where
     * {@code /usr/bin/python3} has NumPy (skipped otherwise).
     */
    @Test
    void filesNumpyWritesReadBackValueForValue() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0, "python3 without numpy");
        String script = String.join("\n",
                "import sys, numpy as np",
                "x = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7",
                "np.savez(sys.argv[1], f8=x, i8=np.array([-3, 0, 1 << 40]), f=np.asfortranarray(x))",
                "np.savez_compressed(sys.argv[2], f4=x.astype(np.float32), i4=np.array([5, -1], dtype=np.int32))");
        Path stored = dir.resolve("stored.npz");
        Path deflated = dir.resolve("deflated.npz");
        Process p = new ProcessBuilder(python.toString(), "-c", script, stored.toString(), deflated.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        double[] expected = new double[24];
        float[] expected32 = new float[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i / 7.0;
            expected32[i] = (float) (i / 7.0);
        }
        try (Npz npz = Npz.open(stored)) {
            assertArrayEquals(new long[] {2, 3, 4}, npz.require("f8").shape());
            assertArrayEquals(expected, npz.doubles("f8"));
            assertArrayEquals(new long[] {-3, 0, 1L << 40}, npz.integers("i8"));
            assertTrue(npz.require("f").fortranOrder());
            NpzException e = assertThrows(NpzException.class, () -> npz.doubles("f"));
            assertTrue(e.getMessage().contains("'f'") && e.getMessage().contains("Fortran"), e.getMessage());
        }
        try (Npz npz = Npz.open(deflated)) {
            assertArrayEquals(expected32, npz.floats("f4"));
            assertArrayEquals(new long[] {5, -1}, npz.integers("i4"));
        }
    }

    /** A stored .npz with one array whose header dict and version are given by hand. */
    private Path handMade(String name, String array, int version, String dict, byte[] data) throws Exception {
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        int prefix = version == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        String text = dict + " ".repeat((total + 15) / 16 * 16 - total) + "\n";
        ByteBuffer len = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 1) {
            len.putShort((short) text.length());
        } else {
            len.putInt(text.length());
        }
        npy.write(len.array());
        npy.write(text.getBytes(StandardCharsets.ISO_8859_1));
        npy.write(data);
        byte[] bytes = npy.toByteArray();
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry(array + ".npy");
            e.setMethod(ZipEntry.STORED);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            e.setCrc(crc.getValue());
            e.setSize(bytes.length);
            e.setCompressedSize(bytes.length);
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        return file;
    }

    private static byte[] floats(float... xs) {
        ByteBuffer b = ByteBuffer.allocate(4 * xs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : xs) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static byte[] doubles(double... xs) {
        ByteBuffer b = ByteBuffer.allocate(8 * xs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : xs) {
            b.putDouble(x);
        }
        return b.array();
    }

    /** The compression method of an archive's first entry. */
    private static final class ZipInputStreamCheck implements AutoCloseable {
        private final java.util.zip.ZipFile zip;

        ZipInputStreamCheck(Path file) throws Exception {
            zip = new java.util.zip.ZipFile(file.toFile());
        }

        int method() {
            return zip.entries().nextElement().getMethod();
        }

        @Override
        public void close() throws Exception {
            zip.close();
        }
    }
}
