package org.dalesweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

/**
 * Mutates a valid sweep file at random — deleted and duplicated lines, values replaced by wrong
 * types and out-of-range numbers, truncated YAML — and checks that every mutant is either
 * accepted as a valid plan or rejected with a {@link SpecException} listing readable problems:
 * never another exception, never a half-valid plan.
 */
class SweepFileFuzzTest {

    private static final String VALID = """
            sweep: fuzz
            output: results/fuzz
            seeds: 2
            base:
              network: {units: 8, tau_ratio: 1.0}
              training: {iterations: 5, eval_every: 5}
              loss: {kind: mse}
            grid:
              task.name: [perceptual_dm, go_nogo]
              alpha.init: [0.1, 0.5, 0.9]
              network.tau_ratio: [0.5, 2.0]
              loss: [{kind: mse}, {kind: mse, rate_l2: 0.01}]
            exclude:
              - {task.name: go_nogo, network.tau_ratio: 2.0}
            controls: true
            save_params: false
            """;

    private static final String[] VALUES = {"-1", "0", "1", "2", "1e9", "-1e-9", "0.5", "abc", "true", "null", "~",
        "[]", "{}", "[1, 2", "{a: 1}", "'x'", "\"\"", "NaN", ".inf", "[0.1, 7]", "[perceptual_dm, nosuch]", "3.5",
        "[{kind: nosuch}]", "{kind: mse, rate_l2: -1}"};

    private final SweepLoader loader = new SweepLoader(new SpecCodec());

    @Test
    void everyMutantIsEitherAValidPlanOrACleanListOfProblems() {
        Random random = new Random(20261128);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 1500; i++) {
            String mutant = mutate(VALID, random);
            try {
                SweepPlan plan = loader.load(mutant, "mutant.yaml", List.of());
                assertFalse(plan.runs().isEmpty(), "an accepted plan has runs:\n" + mutant);
                assertEquals(plan.runs().size(), new HashSet<>(plan.runs().stream().map(PlannedRun::runId).toList()).size(),
                        "run ids are unique:\n" + mutant);
                plan.runs().forEach(r -> assertTrue(r.spec().alpha().init() >= 0 && r.spec().alpha().init() <= 1,
                        "alpha.init in [0, 1]:\n" + mutant));
                accepted++;
            } catch (SpecException e) {
                assertFalse(e.problems().isEmpty(), "a rejection names its problems:\n" + mutant);
                for (String p : e.problems()) {
                    assertFalse(p.isBlank(), "blank problem for:\n" + mutant);
                    assertFalse(p.contains("\tat ") || p.contains("Exception:"), "a stack trace in a problem: " + p);
                }
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("mutant " + i + " threw " + e + " instead of a SpecException:\n" + mutant, e);
            }
        }
        assertTrue(accepted > 50 && rejected > 50, "both outcomes are exercised: " + accepted + " accepted, "
                + rejected + " rejected");
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> {
                    int colon = line.indexOf(':');
                    if (colon >= 0) {
                        lines.set(at, line.substring(0, colon + 1) + " " + VALUES[random.nextInt(VALUES.length)]);
                    }
                }
                case 3 -> lines.set(at, line.replaceFirst("[0-9]+(\\.[0-9]+)?",
                        VALUES[random.nextInt(5)].replace("$", "")));
                default -> {
                    String joined = String.join("\n", lines);
                    return joined.substring(0, random.nextInt(joined.length() + 1));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
