package org.dalesweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dalesweep.RepositoryRoot;
import org.junit.jupiter.api.Test;

/**
 * The task package builds on the spec package, never the other way: no source file of
 * {@code org.dalesweep.spec} names {@code org.dalesweep.task} in code (an import or a qualified
 * name), so the two cannot form a cycle again. What a spec needs of the tasks comes through the
 * {@link TaskCatalog} the task package registers.
 */
class SpecDependenciesTest {

    /** {@code org.dalesweep.task} as a package name, outside comments. */
    private static final Pattern TASK_PACKAGE = Pattern.compile("\\borg\\.dalesweep\\.task\\b");

    @Test
    void noSpecSourceNamesTheTaskPackage() throws IOException {
        Path spec = RepositoryRoot.find().resolve("sweep-core/src/main/java/org/dalesweep/spec");
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(spec)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
                    if (!comment && TASK_PACKAGE.matcher(line).find()) {
                        found.add(spec.relativize(f) + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertTrue(files >= 30, "read only " + files + " files under " + spec);
        assertEquals(List.of(), found, "the spec package must not depend on the task package (register what it needs"
                + " through TaskCatalog instead)");
    }

    @Test
    void theTaskPackageRegistersTheCatalogTheSpecUses() {
        TaskCatalog tasks = TaskCatalog.installed();
        assertEquals("org.dalesweep.task.TaskSuite", tasks.getClass().getName());
        assertTrue(tasks.names().contains(tasks.defaultTask()), tasks.names()::toString);
        assertEquals(tasks.defaultTask(), TaskSpec.DEFAULT.name());
    }
}
