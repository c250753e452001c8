package org.dalesweep.train;

import org.dalesweep.model.RateRnn;
import org.dalesweep.model.Spectra;

/**
 * What a run records about its network at one moment: alpha (mean, min, max, mean over E and I
 * columns), spectral radius, normalised SVD entropy, daleness and wrong-sign mass of W_rec, the
 * Frobenius norms of the two contributions {@code alpha·W_dale} and {@code (1−alpha)·W_free}, and
 * W_free's wrong-sign mass.
 */
record NetworkMeasures(double alphaMean, double alphaMin, double alphaMax, double alphaE, double alphaI,
                       double[] alphas, double spectralRadius, double svdEntropy, double daleness,
                       double daleNorm, double freeNorm, double wrongSignMass, double freeWrongSignMass) {

    /** Alpha statistics only: cheap enough for every evaluation. */
    static NetworkMeasures alphaOf(RateRnn net) {
        return measure(net, false);
    }

    /** Everything, including the eigen- and singular-value decompositions of W_rec. */
    static NetworkMeasures of(RateRnn net) {
        return measure(net, true);
    }

    private static NetworkMeasures measure(RateRnn net, boolean spectra) {
        double[] a = net.alpha();
        int n = a.length;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : a) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / n;
        double alphaE = mean;
        double alphaI = mean;
        if (n > 1) {
            int nE = net.excitatory();
            alphaE = mean(a, 0, nE);
            alphaI = nE < n ? mean(a, nE, n) : Double.NaN;
        }
        if (!spectra) {
            return new NetworkMeasures(mean, min, max, alphaE, alphaI, a.clone(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[][] w = net.effectiveRecurrent();
        double[][] dale = net.daleRecurrent();
        double[][] free = net.freeRecurrent();
        double daleSq = 0;
        double freeSq = 0;
        for (int i = 0; i < dale.length; i++) {
            for (int j = 0; j < dale.length; j++) {
                double aj = n == 1 ? a[0] : a[j];
                daleSq += Math.pow(aj * dale[i][j], 2);
                freeSq += Math.pow((1 - aj) * free[i][j], 2);
            }
        }
        return new NetworkMeasures(mean, min, max, alphaE, alphaI, a.clone(), Spectra.spectralRadius(w),
                Spectra.svdEntropy(w), Spectra.daleness(w), Math.sqrt(daleSq), Math.sqrt(freeSq),
                net.wrongSignMass(false), net.wrongSignMass(true));
    }

    /** W_rec's spectrum as a result records it (NaN where only alpha was measured). */
    RunResult.Spectrum spectrum() {
        return new RunResult.Spectrum(spectralRadius, svdEntropy, daleness, wrongSignMass);
    }

    private static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }
}
