package org.dalesweep;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's root for tests that read the repository's own files (docs, README, configs). */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The parent POM's directory: the nearest ancestor of the working directory holding sweep-core. */
    public static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sweep-core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
