package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dalesweep.linalg.NativeArray;
import org.dalesweep.spec.Phi;
import org.junit.jupiter.api.Test;

class EulerStepsTest {

    @Test
    void reluGateIsExactlyZeroOrOneForEveryRateInBothWidths() {
        double[] rates = {0, Double.MIN_VALUE, 0x1.0p-1022, 1e-300, 0.5, 1, 3, 1e300, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY};
        assertEquals(0.0, EulerSteps.reluGate(0.0));
        for (int i = 1; i < rates.length; i++) {
            assertEquals(1.0, EulerSteps.reluGate(rates[i]), "rate " + rates[i]);
        }
        float[] floats = {Float.MIN_VALUE, 0x1.0p-126f, 1e-40f, 0.5f, 1, 3, 1e30f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY};
        assertEquals(0.0f, EulerSteps.reluGate(0.0f));
        for (float f : floats) {
            assertEquals(1.0f, EulerSteps.reluGate(f), "rate " + f);
        }
    }

    /** Drive columns of 3 trials (leading dimension 6, N = 4) and a forward then a backward step in each width. */
    private static double[][] oneStepEachWay(Precision precision, Phi phi) {
        int n = 4;
        int ld = 6;
        int size = 3;
        double[] k = {0.1, 0.1, 0.2, 0.2};
        double[] gain = {0.3, 0.3, 0.5, 0.5};
        EulerSteps steps = EulerSteps.of(precision, k, gain, phi, true);
        steps.normals.reseed(new java.util.SplittableRandom(5));
        steps.reset(size);
        NativeArray x = precision == Precision.FLOAT64 ? NativeArray.doubles(ld * size) : NativeArray.floats(ld * size);
        NativeArray r = x.like(ld * size);
        NativeArray gradRate = x.like(n * size);
        for (int e = 0; e < ld * size; e++) {
            x.set(e, Math.sin(e) * 2);
        }
        for (int e = 0; e < n * size; e++) {
            gradRate.set(e, Math.cos(e));
        }
        steps.forward(x, 0, ld, r, 0, ld, size);
        double[] rates = new double[ld * size];
        r.read(0, rates, 0, rates.length);
        steps.backward(r, 0, ld, gradRate, n, x, 0, ld, 0.01, size);
        double[] back = new double[ld * size];
        x.read(0, back, 0, back.length);
        return new double[][] {rates, back};
    }

    @Test
    void float32StepsAgreeWithFloat64StepsForEveryPhi() {
        for (Phi phi : Phi.values()) {
            double[][] f32 = oneStepEachWay(Precision.FLOAT32, phi);
            double[][] f64 = oneStepEachWay(Precision.FLOAT64, phi);
            for (int part = 0; part < 2; part++) {
                for (int e = 0; e < f64[part].length; e++) {
                    assertEquals(f64[part][e], f32[part][e], 1e-5 * (1 + Math.abs(f64[part][e])),
                            phi + (part == 0 ? " rate " : " dL/dh ") + e);
                }
            }
            // rows 4..5 of each column are not the step's: untouched
            assertEquals(Math.sin(4) * 2, f32[1][4], 1e-6);
            assertTrue(f64[0][5] == 0, "rows under N stay as they were");
        }
    }
}
