package org.dalesweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of output trees for tests that damage, merge or strip a copy and leave the original as the run wrote it. */
final class FileTrees {
    private FileTrees() {
    }

    /** Copies every directory and file under {@code from} to the same place under {@code to} (which must not hold them yet). */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
