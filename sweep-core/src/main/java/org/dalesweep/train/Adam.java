package org.dalesweep.train;

import java.util.List;
import org.dalesweep.model.Parameter;
import org.dalesweep.spec.TrainingSpec;

/**
 * Adam (Kingma &amp; Ba) with bias correction, as PyTorch implements it, applied to gradients
 * scaled by a global-norm clipping factor.
 */
final class Adam {
    private final List<Parameter> params;
    private final double[][] m;
    private final double[][] v;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private int step;

    Adam(List<Parameter> params, TrainingSpec training) {
        this.params = List.copyOf(params);
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        for (int p = 0; p < params.size(); p++) {
            m[p] = new double[params.get(p).size()];
            v[p] = new double[params.get(p).size()];
        }
        this.lr = training.learningRate();
        this.beta1 = training.adamBeta1();
        this.beta2 = training.adamBeta2();
        this.eps = training.adamEps();
    }

    /** One update with every gradient multiplied by {@code gradScale} (the clipping factor). */
    void step(double gradScale) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        double sqrtC2 = Math.sqrt(c2);
        for (int p = 0; p < params.size(); p++) {
            Parameter param = params.get(p);
            double[] mp = m[p];
            double[] vp = v[p];
            for (int i = 0; i < mp.length; i++) {
                double g = param.grad(i) * gradScale;
                mp[i] = beta1 * mp[i] + (1 - beta1) * g;
                vp[i] = beta2 * vp[i] + (1 - beta2) * g * g;
                double denom = Math.sqrt(vp[i]) / sqrtC2 + eps;
                param.setValue(i, param.value(i) - lr / c1 * mp[i] / denom);
            }
        }
    }

    /** Global L2 norm of the gradients of the given parameters. */
    static double norm(List<Parameter> params) {
        double s = 0;
        for (Parameter p : params) {
            for (int i = 0; i < p.size(); i++) {
                double g = p.grad(i);
                s += g * g;
            }
        }
        return Math.sqrt(s);
    }

    /** PyTorch's clip_grad_norm_ factor: min(1, maxNorm / (norm + 1e-6)); no clipping when maxNorm is 0. */
    static double clipScale(double norm, double maxNorm) {
        if (maxNorm <= 0) {
            return 1;
        }
        return Math.min(1, maxNorm / (norm + 1e-6));
    }
}
