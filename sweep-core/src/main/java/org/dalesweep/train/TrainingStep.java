package org.dalesweep.train;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.model.LossParts;
import org.dalesweep.model.Parameter;
import org.dalesweep.model.RateRnn;
import org.dalesweep.spec.TrainingSpec;
import org.dalesweep.task.Batch;

/**
 * One optimisation step, the unit the benchmark times: recurrent noise, forward, BPTT, global-norm
 * clipping, Adam, and the projection that keeps alpha in [0,1] and masked weights at zero.
 */
final class TrainingStep {
    private final RateRnn net;
    private final List<Parameter> params;
    private final Parameter alphaParam;
    private final Adam adam;
    private final double gradClip;

    /** What one step measured. */
    record Outcome(LossParts loss, double gradNorm, double alphaGradNorm) {
    }

    TrainingStep(RateRnn net, TrainingSpec training) {
        this.net = net;
        this.params = net.parameters();
        this.alphaParam = params.stream().filter(p -> p.name().equals("alpha_param")).findFirst().orElse(null);
        this.adam = new Adam(params, training);
        this.gradClip = training.gradClip();
    }

    /**
     * Computes loss and gradients on a batch and, when both are finite, updates the parameters.
     * A non-finite loss or gradient norm is returned without touching the parameters.
     */
    Outcome run(Batch batch, RandomGenerator noise) {
        LossParts loss = net.lossAndGradient(batch, noise);
        double gradNorm = Adam.norm(params);
        double alphaGradNorm = alphaParam == null ? 0 : Adam.norm(List.of(alphaParam));
        if (Double.isFinite(loss.total()) && Double.isFinite(gradNorm)) {
            adam.step(Adam.clipScale(gradNorm, gradClip));
            net.project();
        }
        return new Outcome(loss, gradNorm, alphaGradNorm);
    }
}
