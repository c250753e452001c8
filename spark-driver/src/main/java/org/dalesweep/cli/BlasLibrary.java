package org.dalesweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Which shared library serves {@code cblas_sgemm} in this process: the OpenBLAS ND4J ships, or
 * another one preloaded by the launcher ({@code DALESWEEP_OPENBLAS}). Benchmarks print it, since
 * two OpenBLAS builds ran the training step's products at rates 20-27 % apart.
 */
final class BlasLibrary {
    private BlasLibrary() {
    }

    /** The file of the library that {@code cblas_sgemm} resolves to, if /proc/self/maps tells. */
    static Optional<String> sgemmProvider() {
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
    static String describe() {
        return "BLAS: cblas_sgemm from " + sgemmProvider().orElse("(unknown: no /proc/self/maps)");
    }
}
