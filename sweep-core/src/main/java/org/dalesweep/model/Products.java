package org.dalesweep.model;

import org.dalesweep.linalg.VectorGemm;

/**
 * Which code runs a network's matrix products. {@link #BLAS} (every solo run) is OpenBLAS's
 * {@code sgemm}, whose bits the recorded outputs hold; {@link #VECTOR} asks for {@link VectorGemm},
 * faster on the small products of a 64-unit step but summing in another order, so a run's numbers
 * differ from its solo run's in the last bits and, through training, by the float32 tolerance
 * that {@code EnsembleTrainingTest} states. Runs trained as an ensemble ask for {@link #VECTOR}
 * (issue 21); where it does not pay it is not used ({@link #effective}).
 */
public enum Products {
    BLAS,
    VECTOR;

    /**
     * The largest network the vector products serve: at 64 units they made a training step
     * 1.1-1.2x faster than OpenBLAS's, at 128 units 3-4 % slower (bench/RESULTS.md, "A vector
     * kernel for ensembles"), so larger networks keep OpenBLAS's products (and a solo run's bits).
     */
    public static final int VECTOR_MAX_UNITS = 64;

    /**
     * What a network of {@code units} in {@code precision} actually uses when this is asked for:
     * {@link #VECTOR} only in float32, up to {@link #VECTOR_MAX_UNITS} units, and where
     * {@link VectorGemm#usable()} (the Vector API resolved, vectors of 256 bits or more); else {@link #BLAS}.
     */
    public Products effective(Precision precision, int units) {
        return this == VECTOR && precision == Precision.FLOAT32 && units <= VECTOR_MAX_UNITS && VectorGemm.usable()
                ? VECTOR : BLAS;
    }
}
