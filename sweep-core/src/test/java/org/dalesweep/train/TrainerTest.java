package org.dalesweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    private final SpecCodec codec = new SpecCodec();

    private RunSpec spec(String... sets) throws SpecException {
        List<String> all = new ArrayList<>(List.of("network.units=16", "training.iterations=30", "training.eval_every=10",
                "training.eval_batch=32", "training.batch_size=8", "task.fixation_ms=40", "task.stimulus_ms=200",
                "task.decision_ms=100"));
        all.addAll(List.of(sets));
        return codec.parse("", "test", all);
    }

    /** A result with its timings blanked, for bit-for-bit comparisons of everything else. */
    private static RunResult untimed(RunResult r) {
        return new RunResult(r.runId(), r.spec(), r.toolVersion(), r.ending().withSeconds(0), r.alpha(), r.scores(),
                r.weights(), r.pressure(), r.trajectory().stream().map(p -> p.withSeconds(0)).toList(), r.params());
    }

    @Test
    void sameSpecGivesBitIdenticalResults() throws SpecException {
        RunSpec s = spec("network.sigma_rec=0.1");
        RunResult a = new Trainer(TrainOptions.DEFAULT).train(s);
        RunResult b = new Trainer(TrainOptions.DEFAULT).train(s);
        assertEquals(RunStatus.COMPLETED, a.ending().status(), a.ending().message());
        assertEquals(untimed(a), untimed(b));
    }

    @Test
    void differentSeedsGiveDifferentResults() throws SpecException {
        RunResult a = new Trainer(TrainOptions.DEFAULT).train(spec("seed=1"));
        RunResult b = new Trainer(TrainOptions.DEFAULT).train(spec("seed=2"));
        assertNotEquals(a.runId(), b.runId());
        assertNotEquals(a.scores().finalLoss(), b.scores().finalLoss());
        assertNotEquals(a.alpha().finalMean(), b.alpha().finalMean());
    }

    @Test
    void resultRecordsTrajectoryAndOutcomes() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT.withKeepParams(true)).train(spec());
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertEquals(30, r.ending().iterations());
        assertEquals(List.of(0, 10, 20, 30), r.trajectory().stream().map(TrajectoryPoint::iteration).toList());
        assertEquals(0.5, r.alpha().init());
        assertEquals(r.trajectory().get(3).alphaMean(), r.alpha().finalMean());
        assertTrue(r.alpha().min() <= r.alpha().finalMean() && r.alpha().finalMean() <= r.alpha().max());
        assertTrue(r.weights().init().spectralRadius() > 0 && r.weights().init().svdEntropy() > 0 && r.weights().init().svdEntropy() <= 1);
        assertTrue(r.weights().end().daleness() >= 0 && r.weights().end().daleness() <= 1);
        assertTrue(r.weights().daleNorm() > 0 && r.weights().freeNorm() > 0);
        assertEquals(1, r.alpha().neurons().size());
        assertTrue(r.params().stream().anyMatch(p -> p.stage().equals("init") && p.name().equals("w_dale_raw")));
        assertTrue(r.params().stream().anyMatch(p -> p.stage().equals("final") && p.name().equals("alpha_param")));
        assertEquals(codec.runId(r.spec()), r.runId());
        assertEquals(r.trajectory().get(3).accuracy(), r.scores().accuracy(), "a synthetic task: the last held-out score");
        assertEquals(r.scores().accuracy(), r.scores().valAccuracy(), "which is also its validation score");
    }

    @Test
    void frozenAlphaStaysPutAndHasNoAlphaParameter() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT.withKeepParams(true)).train(spec("alpha.trainable=false", "alpha.init=1"));
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertEquals(1.0, r.alpha().finalMean());
        assertEquals(1.0, r.weights().end().daleness(), "pure Dale: every column of W_rec single-signed");
        assertFalse(r.params().stream().anyMatch(p -> p.name().equals("alpha_param")));
    }

    @Test
    void neuronGranularityRecordsOneAlphaPerNeuronInsideTheUnitInterval() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("alpha.granularity=neuron", "alpha.param=clip",
                "training.learning_rate=0.05"));
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertEquals(16, r.alpha().neurons().size());
        assertTrue(r.alpha().neurons().stream().allMatch(a -> a >= 0 && a <= 1));
        assertTrue(r.trajectory().stream().allMatch(p -> p.alphaMin() <= p.alphaMean() && p.alphaMean() <= p.alphaMax()));
    }

    @Test
    void explodingLossEndsTheRunAsDivergedWithItsTrajectory() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("training.diverge_loss=1e-9"));
        assertEquals(RunStatus.DIVERGED, r.ending().status());
        assertTrue(r.ending().message().contains("loss"), r.ending().message());
        assertFalse(r.trajectory().isEmpty(), "the evaluation at iteration 0 is kept");
    }

    @Test
    void targetAccuracyStopsEarly() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("training.target_accuracy=0.01", "training.iterations=100"));
        assertEquals("target_accuracy", r.ending().stopReason());
        assertTrue(r.ending().iterations() < 100);
    }

    @Test
    void budgetStopsTheRunWithAFinalEvaluation() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("training.budget_s=1e-9", "training.iterations=100"));
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertEquals("budget", r.ending().stopReason());
        assertEquals(1, r.ending().iterations());
        assertEquals(1, r.trajectory().get(r.trajectory().size() - 1).iteration());
    }

    @Test
    void theArmComesFromTheSpec() throws SpecException {
        assertEquals(org.dalesweep.spec.Arm.LEARNED, spec().arm());
        assertEquals(org.dalesweep.spec.Arm.FROZEN, spec("alpha.trainable=false", "alpha.init=1").arm());
        assertEquals(org.dalesweep.spec.Arm.FROZEN, spec("alpha.trainable=false", "network.dale_map=none").arm(),
                "a frozen alpha is a control whatever the map");
        assertEquals(org.dalesweep.spec.Arm.TWIN, spec("network.dale_map=none").arm());
        assertEquals("twin", org.dalesweep.spec.Arm.TWIN.toString());
    }

    @Test
    void aFailedResultHasNothingMeasured() throws SpecException {
        RunResult r = RunResult.failed("id", spec(), "v", "boom", 1.5);
        assertEquals(RunStatus.FAILED, r.ending().status());
        assertEquals("failed", r.ending().stopReason());
        assertEquals(0.5, r.alpha().init());
        assertTrue(Double.isNaN(r.alpha().finalMean()) && Double.isNaN(r.alpha().delta()));
        assertEquals(RunResult.Scores.NONE, r.scores());
        assertEquals(PressureSummary.NONE, r.pressure());
        assertTrue(r.trajectory().isEmpty() && r.params().isEmpty() && r.alpha().neurons().isEmpty());
    }

        /**
     * Learnability (issue 2): a 64-unit network learns perceptual decisions as pure Dale and as pure
     * free. Since issue 14 the task is noise-limited (an ideal observer gets about 93 %), so the
     * criterion is 80 %, well above chance.
     */
    @ParameterizedTest(name = "alpha frozen at {0}")
    @ValueSource(doubles = {0.0, 1.0})
    void sixtyFourUnitsLearnPerceptualDecisionsWithAlphaFrozen(double alpha) throws SpecException {
        RunSpec s = codec.parse("", "test", List.of("network.units=64", "alpha.trainable=false", "alpha.init=" + alpha,
                "training.iterations=1500", "training.eval_every=100", "training.batch_size=32",
                "training.learning_rate=0.003", "training.target_accuracy=0.8", "seed=11"));
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(s);
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        assertTrue(r.scores().accuracy() >= 0.8, "held-out accuracy " + r.scores().accuracy() + " after " + r.ending().iterations() + " iterations");
    }
}
