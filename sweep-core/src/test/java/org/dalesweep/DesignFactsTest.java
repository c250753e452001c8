package org.dalesweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.junit.jupiter.api.Test;

/**
 * The facts {@code docs/DESIGN.md} states that code can check (its sibling
 * {@link DesignReferencesTest} checks the citations): every default it quotes for a spec key, in
 * the forms {@code `section.key` (value …)} and {@code `section.key: value` (default)}, is the
 * default the spec resolves to; its module layout names every module of the parent POM; and each
 * "- M depends on …" line names exactly the modules of the project that M's POM depends on.
 */
class DesignFactsTest {

    /** {@code `training.batch_size` (32)}, {@code `training.momentum` (PyTorch's form, 0 by default)}. */
    private static final Pattern QUOTED_DEFAULT = Pattern.compile(
            "`((?:network|alpha|loss|training)\\.[a-z_.0-9]+)` \\(([^)]*)\\)");
    /** {@code `alpha.param: sigmoid` (default)}. */
    private static final Pattern WORD_DEFAULT = Pattern.compile(
            "`((?:network|alpha|loss|training)\\.[a-z_.0-9]+): ([a-z_0-9]+)` \\(default\\)");
    /** The value in a quote: the first number or boolean ("5, at least 3" is 5; "0 = off" is 0). */
    private static final Pattern VALUE = Pattern.compile("(?<![\\w.])(-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?|true|false)(?![\\w.])");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern OUR_DEPENDENCY = Pattern.compile(
            "<groupId>org\\.dalesweep</groupId>\\s*<artifactId>([a-z-]+)</artifactId>");

    private final Path root = RepositoryRoot.find();

    private String design() throws IOException {
        return Files.readString(root.resolve("docs").resolve("DESIGN.md"), StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", " ");
    }

    @Test
    void everyDefaultTheDesignQuotesIsTheSpecsDefault() throws IOException {
        JsonNode defaults = new SpecCodec().tree(RunSpec.DEFAULT);
        String text = design();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        Matcher m = QUOTED_DEFAULT.matcher(text);
        while (m.find()) {
            Matcher v = VALUE.matcher(m.group(2));
            if (!v.find()) {
                continue;
            }
            checked++;
            JsonNode actual = at(defaults, m.group(1));
            String quoted = v.group(1);
            boolean same = actual != null && (actual.isNumber()
                    ? Double.parseDouble(quoted) == actual.asDouble()
                    : quoted.equals(actual.asText()));
            if (!same) {
                wrong.add(m.group(1) + ": DESIGN says " + quoted + ", the default is " + actual);
            }
        }
        Matcher w = WORD_DEFAULT.matcher(text);
        while (w.find()) {
            checked++;
            JsonNode actual = at(defaults, w.group(1));
            if (actual == null || !actual.asText().equals(w.group(2))) {
                wrong.add(w.group(1) + ": DESIGN says " + w.group(2) + " is the default, the default is " + actual);
            }
        }
        assertTrue(checked >= 15, "found only " + checked + " quoted defaults in DESIGN.md: is the scan broken?");
        if (!wrong.isEmpty()) {
            fail("docs/DESIGN.md quotes defaults the spec does not have:\n  " + String.join("\n  ", wrong));
        }
    }

    @Test
    void theModuleLayoutAndWhatDependsOnWhatAreThePoms() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher mm = MODULE.matcher(Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8));
        while (mm.find()) {
            modules.add(mm.group(1));
        }
        assertTrue(modules.size() >= 4, modules.toString());
        String raw = Files.readString(root.resolve("docs").resolve("DESIGN.md"), StandardCharsets.UTF_8);
        String text = design();
        Map<String, Set<String>> stated = new LinkedHashMap<>();
        for (String module : modules) {
            assertTrue(raw.contains("\n    " + module + "/"), "DESIGN §8's layout lists " + module + "/");
            Matcher line = Pattern.compile("- " + Pattern.quote(module) + " depends on ([^.;]*)").matcher(text);
            assertTrue(line.find(), "DESIGN §8 says what " + module + " depends on (\"- " + module + " depends on …\")");
            Set<String> named = new TreeSet<>();
            for (String other : modules) {
                if (!other.equals(module) && Pattern.compile("(?<![\\w-])" + Pattern.quote(other) + "(?![\\w-])")
                        .matcher(line.group(1)).find()) {
                    named.add(other);
                }
            }
            stated.put(module, named);
        }
        Map<String, Set<String>> actual = new LinkedHashMap<>();
        for (String module : modules) {
            Set<String> deps = new TreeSet<>();
            Matcher d = OUR_DEPENDENCY.matcher(Files.readString(root.resolve(module).resolve("pom.xml"), StandardCharsets.UTF_8));
            while (d.find()) {
                if (modules.contains(d.group(1))) {
                    deps.add(d.group(1));
                }
            }
            actual.put(module, deps);
        }
        assertEquals(actual, stated, "module -> the project's modules it depends on: the poms, then DESIGN §8");
        assertTrue(raw.contains("the " + spelled(modules.size()) + " modules"), "DESIGN §8 counts " + modules.size() + " modules");
    }

    private static String spelled(int n) {
        return List.of("zero", "one", "two", "three", "four", "five", "six", "seven").get(n);
    }

    private static JsonNode at(JsonNode tree, String dotted) {
        JsonNode n = tree;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }
}
