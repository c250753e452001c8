package org.dalesweep.train;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.model.AlphaPressure;
import org.dalesweep.model.LossParts;
import org.dalesweep.model.Parameter;
import org.dalesweep.model.RateRnn;
import org.dalesweep.spec.AlphaSpec;
import org.dalesweep.spec.Optimizer;
import org.dalesweep.spec.TrainingSpec;
import org.dalesweep.task.Batch;

/**
 * One optimisation step, the unit the benchmark times: recurrent noise, forward, BPTT (with the
 * pressure on alpha), the weights' global-norm clipping and optimiser, alpha's own clipping and
 * Adam, and the projection that keeps alpha in [0,1] and masked weights at zero (DESIGN §4.3).
 */
final class TrainingStep {
    private final RateRnn net;
    private final List<Parameter> weights;
    private final List<Parameter> alpha;
    private final Optimiser weightOptimiser;
    private final Optimiser alphaOptimiser;
    private final double gradClip;
    private final double alphaGradClip;

    /**
     * What one step measured: the loss, the weights' gradient norm and alpha's (in the units alpha
     * is trained in: theta for a sigmoid), both before clipping, and the pressure on alpha.
     */
    record Outcome(LossParts loss, double gradNorm, double alphaGradNorm, AlphaPressure pressure) {
    }

    TrainingStep(RateRnn net, TrainingSpec training, AlphaSpec alphaSpec) {
        this.net = net;
        this.alpha = net.parameters().stream().filter(p -> p.name().equals("alpha_param")).toList();
        this.weights = net.parameters().stream().filter(p -> !p.name().equals("alpha_param")).toList();
        this.weightOptimiser = training.optimizer() == Optimizer.SGD
                ? Optimiser.sgd(weights, training.learningRate(), training.momentum())
                : Optimiser.adam(weights, training.learningRate(), training.adamBeta1(), training.adamBeta2(),
                        training.adamEps());
        this.alphaOptimiser = Optimiser.adam(alpha, alphaSpec.learningRate(), training.adamBeta1(),
                training.adamBeta2(), training.adamEps());
        this.gradClip = training.gradClip();
        this.alphaGradClip = alphaSpec.gradClip();
    }

    /**
     * Computes loss and gradients on a batch and, when both are finite, updates the parameters.
     * A non-finite loss or gradient norm is returned without touching the parameters.
     */
    Outcome run(Batch batch, RandomGenerator noise) {
        LossParts loss = net.lossAndGradient(batch, noise);
        double gradNorm = Optimiser.norm(weights);
        double alphaGradNorm = alpha.isEmpty() ? 0 : Optimiser.norm(alpha);
        if (Double.isFinite(loss.total()) && Double.isFinite(gradNorm) && Double.isFinite(alphaGradNorm)) {
            weightOptimiser.step(Optimiser.clipScale(gradNorm, gradClip));
            alphaOptimiser.step(Optimiser.clipScale(alphaGradNorm, alphaGradClip));
            net.project();
        }
        return new Outcome(loss, gradNorm, alphaGradNorm, net.pressure());
    }
}
