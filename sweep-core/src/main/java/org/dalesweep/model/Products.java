package org.dalesweep.model;

import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.linalg.VectorWidth;

/**
 * Which code runs a network's matrix products. {@link #BLAS} (every solo run) is OpenBLAS's
 * {@code sgemm}, whose bits the recorded outputs hold; {@link #VECTOR} asks for {@link VectorGemm},
 * faster on the products of a training step but summing in another order, so a run's numbers
 * differ from its solo run's in the last bits and, through training, by the float32 tolerance
 * that {@code EnsembleTrainingTest} states. Runs trained as an ensemble ask for {@link #VECTOR}
 * (issue 21); where it does not pay it is not used ({@link #effective}).
 */
public enum Products {
    BLAS,
    VECTOR;

    /**
     * The largest network the 256-bit vector products serve: at 64 units they made a training
     * step 1.1-1.2x faster than OpenBLAS's, at 128 units 3-4 % slower (bench/RESULTS.md, "A vector
     * kernel for ensembles").
     */
    public static final int NARROW_MAX_UNITS = 64;
    /**
     * The largest network the 512-bit vector products serve: from 16 to 512 units a step was
     * 1.2-1.7x faster than with OpenBLAS's (1.3x at 64, 1.4x at 128, 1.6x at 256; bench/RESULTS.md,
     * "One vector width"); larger networks were not measured and keep OpenBLAS.
     */
    public static final int WIDE_MAX_UNITS = 512;

    /** The largest network the vector products serve at this JVM's width ({@link VectorWidth}). */
    public static int vectorMaxUnits() {
        return VectorWidth.wide() ? WIDE_MAX_UNITS : NARROW_MAX_UNITS;
    }

    /**
     * What a network of {@code units} in {@code precision} actually uses when this is asked for:
     * {@link #VECTOR} only in float32, up to {@link #vectorMaxUnits()} units, and where
     * {@link VectorGemm#usable()} (the Vector API resolved, vectors of 256 bits or more); else {@link #BLAS}.
     */
    public Products effective(Precision precision, int units) {
        return this == VECTOR && precision == Precision.FLOAT32 && VectorGemm.usable() && units <= vectorMaxUnits()
                ? VECTOR : BLAS;
    }
}
