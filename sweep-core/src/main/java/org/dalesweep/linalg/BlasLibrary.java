package org.dalesweep.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Which shared library serves {@code cblas_sgemm} in this process: the OpenBLAS ND4J ships, or
 * another one preloaded by the launcher ({@code DALESWEEP_OPENBLAS}). Benchmarks print it, since
 * OpenBLAS builds run the training step's products at measurably different rates
 * ({@code bench/RESULTS.md}), and every run records it, since results reproduce bit for bit only on the same library and kernels.
 */
public final class BlasLibrary {
    private BlasLibrary() {
    }

    /** The file of the library that {@code cblas_sgemm} resolves to, if /proc/self/maps tells. */
    public static Optional<String> sgemmProvider() {
        Loader.load(openblas.class);
        Pointer p = Loader.addressof("cblas_sgemm");
        if (p == null || p.isNull()) {
            return Optional.empty();
        }
        try {
            return fileContaining(p.address(), Files.readAllLines(Path.of("/proc/self/maps")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The mapped file whose address range holds {@code address}, from lines of /proc/PID/maps. */
    static Optional<String> fileContaining(long address, List<String> mapsLines) {
        for (String line : mapsLines) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length < 6 || !f[5].startsWith("/")) {
                continue;
            }
            int dash = f[0].indexOf('-');
            long from = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long to = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            if (Long.compareUnsigned(address, from) >= 0 && Long.compareUnsigned(address, to) < 0) {
                return Optional.of(f[5]);
            }
        }
        return Optional.empty();
    }

    /** One line for a benchmark header. */
    public static String describe() {
        return "BLAS: cblas_sgemm from " + sgemmProvider().orElse("(unknown: no /proc/self/maps)");
    }

    /**
     * What a run records of the library that did its products: the file name of the library
     * serving {@code cblas_sgemm} and the start of its SHA-256 (where it was extracted or
     * installed differs from process to process; what it is does not), and the kernels forced
     * with {@code OPENBLAS_CORETYPE} when that is set (otherwise OpenBLAS picks them for the CPU).
     * "unknown" where /proc/self/maps is missing. Computed once per process.
     */
    public static String identity() {
        return Identity.VALUE;
    }

    /** Holder: the library is fixed for the life of the process, and hashing it takes tens of ms. */
    private static final class Identity {
        static final String VALUE = describeLibrary(sgemmProvider(), System.getenv("OPENBLAS_CORETYPE"));
    }

    /** The identity of the library at {@code file} (if known), with the forced core type (if any). */
    static String describeLibrary(Optional<String> file, String coreType) {
        String lib = file.map(f -> {
            Path p = Path.of(f);
            return p.getFileName() + " sha256:" + sha256Prefix(p);
        }).orElse("unknown");
        return lib + (coreType == null || coreType.isBlank() ? "" : " OPENBLAS_CORETYPE=" + coreType);
    }

    /** The first 16 hex digits of the file's SHA-256, or "unreadable". */
    private static String sha256Prefix(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable";
        }
    }
}
