package org.dalesweep.model;

/** API placeholder: spectral measures of a recurrent matrix; the engine branch implements them. */
public final class Spectra {
    private Spectra() {
    }

    public static double spectralRadius(double[][] w) {
        throw new UnsupportedOperationException();
    }

    public static double svdEntropy(double[][] w) {
        throw new UnsupportedOperationException();
    }

    public static double daleness(double[][] w) {
        throw new UnsupportedOperationException();
    }
}
