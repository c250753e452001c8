package org.dalesweep.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlasLibraryTest {

    private static final List<String> MAPS = List.of(
            "7f0000000000-7f0000001000 r--p 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f1000000000-7f1000200000 r-xp 00010000 08:01 2 /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so",
            "7f2000000000-7f2000001000 rw-p 00000000 00:00 0 ",
            "7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0                          [stack]");

    @Test
    void findsTheMappedFileHoldingAnAddress() {
        assertEquals(Optional.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"),
                BlasLibrary.fileContaining(0x7f1000000abcL, MAPS));
        assertEquals(Optional.of("/usr/lib/x86_64-linux-gnu/libc.so.6"), BlasLibrary.fileContaining(0x7f0000000000L, MAPS));
    }

    @Test
    void anAddressInAnonymousMemoryOrPastTheEndOfAMappingHasNoFile() {
        assertEquals(Optional.empty(), BlasLibrary.fileContaining(0x7f2000000010L, MAPS));
        assertEquals(Optional.empty(), BlasLibrary.fileContaining(0x7f0000001000L, MAPS));
        assertEquals(Optional.empty(), BlasLibrary.fileContaining(0x7ffc00000010L, MAPS));
    }

    @Test
    void inThisJvmSgemmComesFromAnOpenBlasLibrary() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "no /proc/self/maps on this system");
        Optional<String> provider = BlasLibrary.sgemmProvider();
        assertTrue(provider.isPresent(), "cblas_sgemm not found in any mapped file");
        assertTrue(provider.get().contains("openblas"), provider.get());
    }

    @Test
    void identityNamesTheFileByNameAndContentAndTheForcedCoreType(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path one = Files.writeString(dir.resolve("libopenblas.so.0"), "abc");
        Path sub = Files.createDirectories(dir.resolve("elsewhere"));
        Path same = Files.writeString(sub.resolve("libopenblas.so.0"), "abc");
        // SHA-256("abc") starts ba7816bf8f01cfea
        assertEquals("libopenblas.so.0 sha256:ba7816bf8f01cfea",
                BlasLibrary.describeLibrary(Optional.of(one.toString()), null));
        assertEquals(BlasLibrary.describeLibrary(Optional.of(one.toString()), ""),
                BlasLibrary.describeLibrary(Optional.of(same.toString()), " "), "the same library wherever it lies");
        assertEquals("libopenblas.so.0 sha256:ba7816bf8f01cfea OPENBLAS_CORETYPE=Haswell",
                BlasLibrary.describeLibrary(Optional.of(one.toString()), "Haswell"));
        assertEquals("unknown", BlasLibrary.describeLibrary(Optional.empty(), null));
        assertEquals("libopenblas.so.0 sha256:unreadable",
                BlasLibrary.describeLibrary(Optional.of(dir.resolve("gone/libopenblas.so.0").toString()), null));
    }
}
