package org.dalesweep.train;

import java.util.List;
import org.dalesweep.model.Parameter;

/**
 * The optimisers of a run (DESIGN §4.3), applied to gradients scaled by a clipping factor: Adam
 * (Kingma &amp; Ba) with bias correction, and SGD with optional momentum, both as PyTorch
 * implements them. No weight decay.
 */
abstract sealed class Optimiser permits Optimiser.Adam, Optimiser.Sgd {
    final List<Parameter> params;

    private Optimiser(List<Parameter> params) {
        this.params = List.copyOf(params);
    }

    /** One update with every gradient multiplied by {@code gradScale} (the clipping factor). */
    abstract void step(double gradScale);

    /** Adam over {@code params}. */
    static Optimiser adam(List<Parameter> params, double lr, double beta1, double beta2, double eps) {
        return new Adam(params, lr, beta1, beta2, eps);
    }

    /** SGD over {@code params}: {@code b = mu b + g; p -= lr b} (PyTorch's momentum, no dampening). */
    static Optimiser sgd(List<Parameter> params, double lr, double momentum) {
        return new Sgd(params, lr, momentum);
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

    static final class Adam extends Optimiser {
        private final double[][] m;
        private final double[][] v;
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private int step;

        private Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps) {
            super(params);
            this.m = new double[params.size()][];
            this.v = new double[params.size()][];
            for (int p = 0; p < params.size(); p++) {
                m[p] = new double[params.get(p).size()];
                v[p] = new double[params.get(p).size()];
            }
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        @Override
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
    }

    static final class Sgd extends Optimiser {
        private final double[][] buffer;
        private final double lr;
        private final double momentum;
        private boolean first = true;

        private Sgd(List<Parameter> params, double lr, double momentum) {
            super(params);
            this.buffer = new double[params.size()][];
            for (int p = 0; p < params.size(); p++) {
                buffer[p] = new double[params.get(p).size()];
            }
            this.lr = lr;
            this.momentum = momentum;
        }

        @Override
        void step(double gradScale) {
            for (int p = 0; p < params.size(); p++) {
                Parameter param = params.get(p);
                double[] b = buffer[p];
                for (int i = 0; i < b.length; i++) {
                    double g = param.grad(i) * gradScale;
                    // PyTorch: the buffer starts as the first gradient
                    b[i] = first ? g : momentum * b[i] + g;
                    param.setValue(i, param.value(i) - lr * (momentum > 0 ? b[i] : g));
                }
            }
            first = false;
        }
    }
}
