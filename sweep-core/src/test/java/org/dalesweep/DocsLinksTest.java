package org.dalesweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is a first screen and the reference lives in {@code docs/}: the README opens with the
 * two commands CI and users run, reaches its "Reference" heading within 80 lines and links every
 * docs page from there; every docs page says near its top what it is for; and every relative link
 * (and image) in README.md and docs/*.md names an existing file, and an existing heading when it
 * has an anchor. A moved or renamed page or heading fails here, naming the file, line and link.
 */
class DocsLinksTest {

    /** Lines of the README before its reference section: what a newcomer reads first. */
    private static final int FIRST_SCREEN_LINES = 80;
    private static final String MAIN_JOB = "mvn -B -q -DskipTests package && bin/dalesweep run conf/smoke.yaml"
            + " && bin/dalesweep analyze --in results/smoke";
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void theReadmeOpensWithTheTwoCommandsAndReachesItsReferenceWithinEightyLines() throws IOException {
        Path root = RepositoryRoot.find();
        List<String> readme = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        assertEquals("```bash", readme.get(2), "README.md line 3 opens the commands' block");
        assertTrue(readme.get(3).startsWith(MAIN_JOB + " "), "README.md line 4 is the main job: " + readme.get(3));
        assertTrue(readme.get(4).startsWith("mvn -B verify "), "README.md line 5 is the test command: " + readme.get(4));
        assertEquals("```", readme.get(5), "README.md line 6 closes the commands' block");

        int reference = readme.indexOf("## Reference");
        assertTrue(reference >= 0, "README.md has no '## Reference' heading");
        assertTrue(reference < FIRST_SCREEN_LINES, "README.md reaches '## Reference' only at line " + (reference + 1)
                + ": its first screen must stay under " + FIRST_SCREEN_LINES + " lines");

        String links = String.join("\n", readme.subList(reference, readme.size()));
        List<String> unlinked = new ArrayList<>();
        for (Path page : docsPages(root)) {
            if (!links.contains("](docs/" + page.getFileName() + ")")) {
                unlinked.add(page.getFileName().toString());
            }
        }
        assertTrue(unlinked.isEmpty(), "README.md's reference section does not link docs page(s) " + unlinked);
    }

    @Test
    void everyDocsPageSaysNearItsTopWhatItIsFor() throws IOException {
        List<String> silent = new ArrayList<>();
        for (Path page : docsPages(RepositoryRoot.find())) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            String top = String.join(" ", lines.subList(0, Math.min(10, lines.size()))).toLowerCase(Locale.ROOT);
            if (!lines.get(0).startsWith("# ") || !top.contains("this page")) {
                silent.add(page.getFileName().toString());
            }
        }
        assertTrue(silent.isEmpty(), "docs page(s) without a title and a sentence on what 'this page' is for in"
                + " their first ten lines: " + silent);
    }

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsResolves() throws IOException {
        Path root = RepositoryRoot.find();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        files.addAll(docsPages(root));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            boolean code = false;
            for (int n = 0; n < lines.size(); n++) {
                if (lines.get(n).startsWith("```")) {
                    code = !code;
                }
                if (code) {
                    continue;
                }
                Matcher m = LINK.matcher(lines.get(n));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                        continue; // http:, https:, mailto: are not checked here
                    }
                    checked++;
                    String problem = problem(file, target);
                    if (problem != null) {
                        broken.add(root.relativize(file) + ":" + (n + 1) + ": " + target + " (" + problem + ")");
                    }
                }
            }
        }
        assertTrue(checked >= 20, "found only " + checked + " relative links: is the scan broken?");
        if (!broken.isEmpty()) {
            fail(broken.size() + " broken link(s):\n  " + String.join("\n  ", broken));
        }
    }

    /** Why a link from {@code file} to {@code target} does not resolve, or null when it does. */
    private static String problem(Path file, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return "no such file " + resolved;
        }
        if (hash < 0) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        String anchor = target.substring(hash + 1);
        return anchors(resolved).contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + resolved;
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        boolean code = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                code = !code;
            }
            Matcher m = HEADING.matcher(line);
            if (!code && m.matches()) {
                String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int i = 1; !out.add(unique); i++) {
                    unique = slug + "-" + i;
                }
            }
        }
        return out;
    }

    private static List<Path> docsPages(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }
}
