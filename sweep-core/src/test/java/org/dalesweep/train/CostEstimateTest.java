package org.dalesweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

/** The sweep cost estimate: one timing per network shape, seeds and alpha settings share it, untimeable runs named. */
class CostEstimateTest {

    private static RunSpec spec(String... sets) throws SpecException {
        return new SpecCodec().parse("", "test", List.of(sets));
    }

    @Test
    void runsOfOneShapeShareATimingAndMissingDataIsNamedNotFatal() throws SpecException {
        List<RunSpec> specs = List.of(
                spec("network.units=16", "training.iterations=100", "seed=1"),
                spec("network.units=16", "training.iterations=100", "seed=2", "alpha.init=0.9"),
                spec("network.units=16", "training.iterations=200", "seed=1"),
                spec("task.name=seq_mnist", "task.data_dir=/nonexistent/dalesweep-data", "network.units=16"));
        CostEstimate.Estimate e = CostEstimate.of(specs);
        assertEquals(2, e.shapesTimed(), "seeds and alpha.init share a shape; iterations do not");
        assertEquals(3, e.runsTimed());
        assertEquals(1, e.runsNotTimed());
        assertTrue(e.notTimed().get(0).startsWith("seq_mnist (1 runs)"), e.notTimed().toString());
        assertTrue(e.coreSeconds() > 0 && e.coreSeconds() < 60, "three tiny runs: " + e.coreSeconds() + " s");
        assertFalse(e.upperBound());
        assertTrue(CostEstimate.of(List.of(spec("network.units=16", "training.iterations=50",
                "training.stop_when_settled=true"))).upperBound(), "a run that may stop early makes it an upper bound");
    }
}
