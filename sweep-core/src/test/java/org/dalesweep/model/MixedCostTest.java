package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.task.Batch;
import org.junit.jupiter.api.Test;

/**
 * {@code loss.mixed_cost} (DESIGN §2): c times the wrong-sign mass of the effective W_rec under
 * the network's own E/I split. Its gradients are checked against finite differences in
 * {@link RateRnnGradientTest}; here what it is and where it is nothing.
 */
class MixedCostTest {

    @Test
    void aDaleObeyingWRecPaysNothingAndFeelsNothing() {
        RunSpec free = Fixtures.small("alpha.trainable=false", "alpha.init=1");
        RunSpec costly = Fixtures.small("alpha.trainable=false", "alpha.init=1", "loss.mixed_cost=5");
        RateRnn a = Fixtures.network(free, Precision.FLOAT64, 21);
        RateRnn b = Fixtures.network(costly, Precision.FLOAT64, 21);
        Batch batch = Fixtures.batch(free, 4, 22);
        LossParts pa = a.lossAndGradient(batch, new SplittableRandom(23));
        LossParts pb = b.lossAndGradient(batch, new SplittableRandom(23));
        assertEquals(0.0, b.wrongSignMass(false), 0.0, "W_rec = W_dale at alpha = 1 obeys Dale's law");
        assertEquals(pa.total(), pb.total(), 0.0);
        assertEquals(0.0, pb.weight(), 0.0);
        assertEquals(a.pressure(), b.pressure(), "the cost adds no pressure at the kink (subgradient 0)");
        for (int p = 0; p < a.parameters().size(); p++) {
            Parameter x = a.parameters().get(p);
            Parameter y = b.parameters().get(p);
            for (int idx = 0; idx < x.size(); idx++) {
                assertEquals(x.grad(idx), y.grad(idx), 0.0, x.name() + "[" + idx + "]");
            }
        }
    }

    @Test
    void aMixedWRecPaysTheCoefficientTimesItsWrongSignMass() {
        RunSpec spec = Fixtures.small("loss.mixed_cost=0.25");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 31);
        LossParts parts = net.evaluate(Fixtures.batch(spec, 4, 32), new SplittableRandom(33), null);
        double mass = net.wrongSignMass(false);
        assertTrue(mass > 0, "alpha = 0.5 with a Gaussian W_free has wrong-sign entries");
        assertEquals(0.25 * mass, parts.weight(), 1e-12 * mass);
        assertEquals(parts.task() + parts.rate() + parts.weight(), parts.total(), 1e-12);
        assertTrue(net.wrongSignMass(true) > mass, "W_free alone has more wrong-sign mass than the mixture");
    }

    @Test
    void theCostPushesAlphaTowardDale() {
        RunSpec spec = Fixtures.small("loss.mixed_cost=0.25");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 41);
        net.lossAndGradient(Fixtures.batch(spec, 4, 42), new SplittableRandom(43));
        assertTrue(net.pressure().reg() > 0, "the cost's share of the pressure is toward Dale: " + net.pressure());
    }

    @Test
    void theTwinPaysTheSameCostOnTheSameWRec() {
        RunSpec learned = Fixtures.small("loss.mixed_cost=0.25");
        RunSpec twin = Fixtures.small("loss.mixed_cost=0.25", "network.dale_map=none");
        RateRnn a = Fixtures.network(learned, Precision.FLOAT64, 51);
        RateRnn b = Fixtures.network(twin, Precision.FLOAT64, 51);
        Batch batch = Fixtures.batch(learned, 4, 52);
        LossParts pa = a.evaluate(batch, new SplittableRandom(53), null);
        LossParts pb = b.evaluate(batch, new SplittableRandom(53), null);
        double[][] wa = a.effectiveRecurrent();
        double[][] wb = b.effectiveRecurrent();
        for (int i = 0; i < wa.length; i++) {
            assertArrayEquals(wa[i], wb[i], 1e-12, "the twin starts from the same W_rec");
        }
        assertEquals(pa.weight(), pb.weight(), 1e-9 * pa.weight());
    }
}
