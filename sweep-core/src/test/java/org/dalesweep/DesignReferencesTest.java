package org.dalesweep;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every citation of the design page in the repository's .java, .md and .yaml files resolves to a
 * numbered heading of {@code docs/DESIGN.md}: a line that mentions "DESIGN" followed by a section
 * sign cites every section number on it (so "DESIGN §a and §b" checks both), and the page's own
 * cross-references are checked too. A renumbered or removed section fails here, naming each stale
 * citation by file and line.
 */
class DesignReferencesTest {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");
    private static final Pattern SECTION = Pattern.compile("§\\s?(\\d+(?:\\.\\d+)*)");
    private static final String CITATION = "DESIGN §";

    @Test
    void everyDesignCitationNamesASectionOfTheDesignPage() throws IOException {
        Path root = RepositoryRoot.find();
        Path design = root.resolve("docs").resolve("DESIGN.md");
        assertTrue(Files.isRegularFile(design), "the design page " + design + " is missing");
        Set<String> sections = sections(design);
        assertTrue(sections.contains("1") && sections.size() >= 8, "too few numbered sections in " + design + ": " + sections);

        List<String> stale = new ArrayList<>();
        int[] citations = {0};
        for (Path file : sourceFiles(root)) {
            boolean self = file.equals(design);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (!self && !line.contains(CITATION)) {
                    continue;
                }
                Matcher m = SECTION.matcher(self ? line : line.substring(line.indexOf(CITATION)));
                while (m.find()) {
                    citations[0]++;
                    if (!sections.contains(m.group(1))) {
                        stale.add(root.relativize(file) + ":" + (n + 1) + ": §" + m.group(1));
                    }
                }
            }
        }
        assertTrue(citations[0] >= 10, "found only " + citations[0] + " citations under " + root + ": is the scan broken?");
        if (!stale.isEmpty()) {
            fail(stale.size() + " citation(s) of sections that docs/DESIGN.md does not have (its sections: "
                    + sections + "):\n  " + String.join("\n  ", stale));
        }
    }

    @Test
    void sectionNumbersOfTheDesignPageAreUnique() throws IOException {
        Path design = RepositoryRoot.find().resolve("docs").resolve("DESIGN.md");
        Set<String> seen = new LinkedHashSet<>();
        for (String line : Files.readAllLines(design, StandardCharsets.UTF_8)) {
            Matcher m = HEADING.matcher(line);
            if (m.find() && !seen.add(m.group(1))) {
                fail("section " + m.group(1) + " appears twice in " + design);
            }
        }
    }

    /** The numbers of the page's numbered headings ("## 4. One run" is 4, "### 4.2 Pressure" 4.2). */
    private static Set<String> sections(Path design) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : Files.readAllLines(design, StandardCharsets.UTF_8)) {
            Matcher m = HEADING.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }


    /** .java, .md, .yaml and .yml files, outside build output and hidden directories. */
    private static List<Path> sourceFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("target")
                        || name.equals("node_modules") || name.equals("results"));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (name.endsWith(".java") || name.endsWith(".md") || name.endsWith(".yaml") || name.endsWith(".yml")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }
}
