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
        List<TrajectoryPoint> t = r.trajectory().stream().map(p -> new TrajectoryPoint(p.iteration(), 0, p.alphaMean(),
                p.alphaMin(), p.alphaMax(), p.trainLoss(), p.evalLoss(), p.evalTaskLoss(), p.accuracy(), p.gradNorm(),
                p.alphaGradNorm(), p.pressure())).toList();
        return new RunResult(r.runId(), r.spec(), r.toolVersion(), r.status(), r.message(), r.stopReason(), r.iterations(),
                0, r.alphaInit(), r.alphaFinal(), r.alphaMin(), r.alphaMax(), r.alphaFinalE(), r.alphaFinalI(),
                r.alphaNeurons(), r.finalLoss(), r.finalTaskLoss(), r.accuracy(), r.daleNorm(), r.freeNorm(),
                r.spectralRadiusInit(), r.spectralRadiusFinal(), r.svdEntropyInit(), r.svdEntropyFinal(),
                r.dalenessInit(), r.dalenessFinal(), t, r.params(), r.pressure(), r.valAccuracy());
    }

    @Test
    void sameSpecGivesBitIdenticalResults() throws SpecException {
        RunSpec s = spec("network.sigma_rec=0.1");
        RunResult a = new Trainer(TrainOptions.DEFAULT).train(s);
        RunResult b = new Trainer(TrainOptions.DEFAULT).train(s);
        assertEquals(RunStatus.COMPLETED, a.status(), a.message());
        assertEquals(untimed(a), untimed(b));
    }

    @Test
    void differentSeedsGiveDifferentResults() throws SpecException {
        RunResult a = new Trainer(TrainOptions.DEFAULT).train(spec("seed=1"));
        RunResult b = new Trainer(TrainOptions.DEFAULT).train(spec("seed=2"));
        assertNotEquals(a.runId(), b.runId());
        assertNotEquals(a.finalLoss(), b.finalLoss());
        assertNotEquals(a.alphaFinal(), b.alphaFinal());
    }

    @Test
    void resultRecordsTrajectoryAndOutcomes() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT.withKeepParams(true)).train(spec());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertEquals(30, r.iterations());
        assertEquals(List.of(0, 10, 20, 30), r.trajectory().stream().map(TrajectoryPoint::iteration).toList());
        assertEquals(0.5, r.alphaInit());
        assertEquals(r.trajectory().get(3).alphaMean(), r.alphaFinal());
        assertTrue(r.alphaMin() <= r.alphaFinal() && r.alphaFinal() <= r.alphaMax());
        assertTrue(r.spectralRadiusInit() > 0 && r.svdEntropyInit() > 0 && r.svdEntropyInit() <= 1);
        assertTrue(r.dalenessFinal() >= 0 && r.dalenessFinal() <= 1);
        assertTrue(r.daleNorm() > 0 && r.freeNorm() > 0);
        assertEquals(1, r.alphaNeurons().size());
        assertTrue(r.params().stream().anyMatch(p -> p.stage().equals("init") && p.name().equals("w_dale_raw")));
        assertTrue(r.params().stream().anyMatch(p -> p.stage().equals("final") && p.name().equals("alpha_param")));
        assertEquals(codec.runId(r.spec()), r.runId());
        assertEquals(r.trajectory().get(3).accuracy(), r.accuracy(), "a synthetic task: the last held-out score");
        assertEquals(r.accuracy(), r.valAccuracy(), "which is also its validation score");
    }

    @Test
    void frozenAlphaStaysPutAndHasNoAlphaParameter() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT.withKeepParams(true)).train(spec("alpha.trainable=false", "alpha.init=1"));
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertEquals(1.0, r.alphaFinal());
        assertEquals(1.0, r.dalenessFinal(), "pure Dale: every column of W_rec single-signed");
        assertFalse(r.params().stream().anyMatch(p -> p.name().equals("alpha_param")));
    }

    @Test
    void neuronGranularityRecordsOneAlphaPerNeuronInsideTheUnitInterval() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("alpha.granularity=neuron", "alpha.param=clip",
                "training.learning_rate=0.05"));
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertEquals(16, r.alphaNeurons().size());
        assertTrue(r.alphaNeurons().stream().allMatch(a -> a >= 0 && a <= 1));
        assertTrue(r.trajectory().stream().allMatch(p -> p.alphaMin() <= p.alphaMean() && p.alphaMean() <= p.alphaMax()));
    }

    @Test
    void explodingLossEndsTheRunAsDivergedWithItsTrajectory() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("training.diverge_loss=1e-9"));
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().contains("loss"), r.message());
        assertFalse(r.trajectory().isEmpty(), "the evaluation at iteration 0 is kept");
    }

    @Test
    void targetAccuracyStopsEarly() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("training.target_accuracy=0.01", "training.iterations=100"));
        assertEquals("target_accuracy", r.stopReason());
        assertTrue(r.iterations() < 100);
    }

    @Test
    void budgetStopsTheRunWithAFinalEvaluation() throws SpecException {
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec("training.budget_s=1e-9", "training.iterations=100"));
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertEquals("budget", r.stopReason());
        assertEquals(1, r.iterations());
        assertEquals(1, r.trajectory().get(r.trajectory().size() - 1).iteration());
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
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertTrue(r.accuracy() >= 0.8, "held-out accuracy " + r.accuracy() + " after " + r.iterations() + " iterations");
    }
}
