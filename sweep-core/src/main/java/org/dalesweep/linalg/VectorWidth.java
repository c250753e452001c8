package org.dalesweep.linalg;

import jdk.incubator.vector.FloatVector;

/**
 * The one vector width every Vector API kernel of the JVM uses (the ensemble's products,
 * {@link VectorGemm}, and the recurrent noise's {@code VectorNormalBlocks}), chosen once at class
 * initialisation: 512 bits where the CPU's preferred float vector is that wide (AVX-512), else
 * 256 bits (AVX2), else none (the callers fall back to OpenBLAS and the scalar noise kernel).
 *
 * <p>Why one width for all: C2 on Java 17 profiles the Vector API's shared call sites
 * ({@code FloatVector.intoArray}, {@code lanewise}); with vectors of two shapes in one JVM it sees two
 * classes there and boxes every vector, and the kernels ran 20-40 times slower
 * ({@code bench/RESULTS.md}, "A vector kernel for ensembles"). The system property
 * {@value #PROPERTY}{@code =256} narrows the width on an AVX-512 machine (to measure or test the
 * 256-bit kernels there); any other value is refused at start.
 */
public final class VectorWidth {
    /** The system property that narrows the width ({@code 256}); read once. */
    public static final String PROPERTY = "dalesweep.vector.bits";
    /** The width in bits: 512, 256, or 0 where no kernel should run (no module, or narrower vectors). */
    public static final int BITS = choose(System.getProperty(PROPERTY));

    private VectorWidth() {
    }

    /** Whether the vector kernels run in this JVM. */
    public static boolean usable() {
        return BITS > 0;
    }

    /** Whether they run at 512 bits. */
    public static boolean wide() {
        return BITS == 512;
    }

    /** Float32 lanes of one vector ({@code BITS / 32}), 0 where none run. */
    public static int floatLanes() {
        return BITS / Float.SIZE;
    }

    static int choose(String asked) {
        if (asked != null && !asked.equals("256")) {
            throw new IllegalArgumentException("system property " + PROPERTY + "=" + asked
                    + ": only 256 (narrow the vector kernels to 256 bits) is accepted");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        int preferred;
        try {
            preferred = Probe.preferredBits();
        } catch (LinkageError e) {
            return 0;
        }
        if (preferred >= 512 && asked == null) {
            return 512;
        }
        return preferred >= 256 ? 256 : 0;
    }

    /** Touches the Vector API only once the module is known to be there. */
    private static final class Probe {
        static int preferredBits() {
            return FloatVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }
}
