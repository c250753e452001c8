package org.dalesweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecCodecTest {
    private final SpecCodec codec = new SpecCodec();

    private RunSpec parse(String yaml, String... sets) throws SpecException {
        return codec.parse(yaml, "test.yaml", List.of(sets));
    }

    private List<String> problems(String yaml, String... sets) {
        return assertThrows(SpecException.class, () -> parse(yaml, sets)).problems();
    }

    @Test
    void emptySpecResolvesToTheDefaults() throws SpecException {
        assertEquals(RunSpec.DEFAULT, parse(""));
    }

    @Test
    void yamlSettingsAndOverridesAreApplied() throws SpecException {
        RunSpec s = parse("network: {units: 32, tau_ratio: 2}\nalpha:\n  init: 0.9\n", "loss.rate_l2=0.01",
                "network.connectivity.p_ee=0.5", "task.stimulus_ms=500", "seed=7");
        assertEquals(32, s.network().units());
        assertEquals(2.0, s.network().tauRatio());
        assertEquals(0.9, s.alpha().init());
        assertEquals(0.01, s.loss().rateL2());
        assertEquals(0.5, s.network().connectivity().pEE());
        assertEquals(500.0, s.task().number("stimulus_ms"));
        assertEquals(7L, s.seed());
        assertEquals(RunSpec.DEFAULT.training(), s.training());
    }

    @Test
    void withersFromTheDefaultsGiveTheSpecTheSameSettingsResolveTo() throws SpecException {
        RunSpec built = RunSpec.DEFAULT.withSeed(7)
                .withTask(TaskSpec.DEFAULT.with("stimulus_ms", 500.0))
                .withNetwork(NetworkSpec.DEFAULT.withUnits(32).withTauRatio(2)
                        .withConnectivity(ConnectivitySpec.DEFAULT.withPEE(0.5).withAutapses(true)))
                .withAlpha(AlphaSpec.DEFAULT.withInit(0.9).withGranularity(Granularity.NEURON))
                .withLoss(LossSpec.DEFAULT.withRateL2(0.01).withMixedCost(0.2))
                .withTraining(TrainingSpec.DEFAULT.withIterations(500).withSettleWindow(4));
        assertEquals(parse("", "seed=7", "task.stimulus_ms=500", "network.units=32", "network.tau_ratio=2",
                "network.connectivity.p_ee=0.5", "network.connectivity.autapses=true", "alpha.init=0.9",
                "alpha.granularity=neuron", "loss.rate_l2=0.01", "loss.mixed_cost=0.2", "training.iterations=500",
                "training.settle_window=4"), built);
        assertEquals(RunSpec.DEFAULT.withTask(TaskSpec.defaults("adding")), RunSpec.defaults("adding"));
        String unknown = assertThrows(IllegalArgumentException.class, () -> TaskSpec.DEFAULT.with("stimulus", 1.0))
                .getMessage();
        assertTrue(unknown.startsWith("task.stimulus: no such parameter of task perceptual_dm (known: "), unknown);
        assertThrows(InvalidSpecException.class, () -> TrainingSpec.DEFAULT.withSettleWindow(2));
    }

    @Test
    void overrideMayBeAWholeSubObject() throws SpecException {
        RunSpec s = parse("", "loss={kind: mse, weight_l2: 0.1, weight_l2_on: separate}");
        assertEquals(0.1, s.loss().weightL2());
        assertEquals(WeightL2On.SEPARATE, s.loss().weightL2On());
    }

    @Test
    void everyProblemIsReportedWithItsKeyPathAndValue() {
        List<String> p = problems("network:\n  unitz: 3\n  phi: sigmoid\nalpha: {init: 1.5}\ntraining: {iterations: abc}\nbogus: 1\n");
        assertTrue(p.stream().anyMatch(m -> m.startsWith("network.unitz: unknown key")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("network.phi:") && m.contains("'sigmoid'") && m.contains("relu")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("alpha.init:") && m.contains("1.5")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("training.iterations:") && m.contains("'abc'")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("bogus: unknown key")), p::toString);
        assertEquals(5, p.size(), p::toString);
    }

    @Test
    void severalRangeProblemsInOneSectionAreAllReported() {
        List<String> p = problems("network: {units: 1, e_fraction: 2, dt_ms: -1}");
        assertTrue(p.stream().anyMatch(m -> m.startsWith("network.units:")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("network.e_fraction:")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("network.dt_ms:")), p::toString);
    }

    @Test
    void sigmoidAlphaCannotStartAtZeroOrOneWhenTrainable() throws SpecException {
        assertTrue(problems("alpha: {init: 1}").get(0).contains("sigmoid"));
        assertTrue(problems("alpha: {init: 0}").get(0).startsWith("alpha.init:"));
        assertEquals(1.0, parse("alpha: {init: 1, trainable: false}").alpha().init());
        assertEquals(0.0, parse("alpha: {init: 0, param: clip}").alpha().init());
    }

    @Test
    void theNewKeysAreValidatedWithTheirKeyPathAndValue() {
        // a section's type errors come one at a time (the binder stops at the first), so one key per call
        assertTrue(problems("network: {integrator: rk4}").get(0).matches("network\\.integrator: .*exact, euler.*'rk4'"));
        assertTrue(problems("network: {free_init: mirrored}").get(0).startsWith("network.free_init: expected one of matched"));
        assertTrue(problems("training: {optimizer: rmsprop}").get(0).matches("training\\.optimizer: .*adam, sgd.*'rmsprop'"));
        assertTrue(problems("training: {stop_when_settled: 1}").get(0).startsWith("training.stop_when_settled: expected true or false"));
        List<String> ranges = problems("alpha: {learning_rate: 0, grad_clip: -1}\ntraining: {momentum: 1.5, settle_window: 2}");
        assertTrue(ranges.stream().anyMatch(m -> m.startsWith("alpha.learning_rate:") && m.contains("got 0")), ranges::toString);
        assertTrue(ranges.stream().anyMatch(m -> m.startsWith("alpha.grad_clip:") && m.contains("-1")), ranges::toString);
        assertTrue(ranges.stream().anyMatch(m -> m.startsWith("training.momentum:") && m.contains("1.5")), ranges::toString);
        assertTrue(ranges.stream().anyMatch(m -> m.startsWith("training.settle_window:") && m.contains("2")), ranges::toString);
    }

    @Test
    void wrongTypesAreNotCoerced() {
        assertTrue(problems("network: {units: 64.5}").get(0).startsWith("network.units: expected an integer"));
        assertTrue(problems("network: {units: '64'}").get(0).startsWith("network.units: expected an integer"));
        assertTrue(problems("alpha: {trainable: 1}").get(0).startsWith("alpha.trainable: expected true or false"));
        assertTrue(problems("network: 5").get(0).startsWith("network: expected a mapping"));
    }

    @Test
    void dtLongerThanATimeConstantIsRefused() {
        List<String> p = problems("network: {dt_ms: 60, tau_e_ms: 100, tau_ratio: 0.5}");
        assertTrue(p.get(0).startsWith("network.dt_ms:") && p.get(0).contains("k = dt/tau"), p::toString);
    }

    @Test
    void taskParametersAreCheckedAgainstTheTask() {
        assertTrue(problems("task: {name: no_such_task}").get(0).contains("known: perceptual_dm"));
        assertTrue(problems("task: {stimulus_mz: 3}").get(0).startsWith("task.stimulus_mz: unknown key for task perceptual_dm"));
        assertTrue(problems("task: {coherences: [1, 200]}").get(0).startsWith("task.coherences:"));
        assertTrue(problems("task: {stimulus_ms: fast}").get(0).startsWith("task.stimulus_ms: expected a number"));
    }

    @Test
    void malformedYamlNamesTheSourceAndLine() {
        String p = problems("network: {units: 3\nalpha: [").get(0);
        assertTrue(p.startsWith("test.yaml: not valid YAML"), p);
        assertTrue(p.contains("line"), p);
    }

    @Test
    void badOverridesAreNamed() {
        assertTrue(problems("", "network.units").get(0).contains("expected key=value"));
        assertTrue(problems("", "network..units=3").get(0).contains("not a key path"));
        assertTrue(problems("", "seed=-1").get(0).startsWith("seed:"));
    }

    @Test
    void canonicalJsonRoundTripsAndIsOrderIndependent() throws SpecException {
        RunSpec a = parse("alpha: {init: 0.25}\nnetwork: {units: 16}");
        RunSpec b = parse("network: {units: 16}\nalpha: {init: 0.25}");
        assertEquals(codec.canonicalJson(a), codec.canonicalJson(b));
        assertEquals(a, codec.fromJson(codec.canonicalJson(a)));
        assertEquals(codec.runId(a), codec.runId(codec.fromJson(codec.canonicalJson(a))));
    }

    @Test
    void runIdDependsOnEveryFieldIncludingTheSeed() throws SpecException {
        RunSpec base = parse("");
        assertEquals(RunIdentity.RUN_ID_HEX, codec.runId(base).length());
        assertNotEquals(codec.runId(base), codec.runId(base.withSeed(1)));
        assertNotEquals(codec.runId(base), codec.runId(parse("", "task.sigma_in=0.2")));
        assertNotEquals(codec.runId(base), codec.runId(parse("", "network.connectivity.autapses=true")));
    }

    @Test
    void flattenGivesStableSnakeCaseColumns() throws SpecException {
        Map<String, Object> flat = codec.flatten(parse("", "seed=3"));
        assertEquals(3L, flat.get("seed"));
        assertEquals("perceptual_dm", flat.get("task"));
        assertEquals(64, flat.get("units"));
        assertEquals(1.0, flat.get("tau_ratio"));
        assertEquals(100.0, flat.get("tau_e_ms"));
        assertEquals(1.0, flat.get("p_ee"));
        assertEquals(false, flat.get("autapses"));
        assertEquals(0.5, flat.get("alpha_init"));
        assertEquals("sigmoid", flat.get("alpha_param"));
        assertEquals("mse", flat.get("loss_kind"));
        assertEquals(1000, flat.get("training_iterations"));
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 16.0), flat.get("task_coherences"));
        assertTrue(flat.keySet().stream().allMatch(k -> k.matches("[a-z0-9_]+")), flat.keySet()::toString);
    }
}
