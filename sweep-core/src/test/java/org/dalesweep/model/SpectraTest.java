package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectraTest {

    @Test
    void spectralRadiusOfAScaledRotationIsItsScale() {
        double c = 1.7;
        double th = 0.9;
        double[][] w = {{c * Math.cos(th), -c * Math.sin(th)}, {c * Math.sin(th), c * Math.cos(th)}};
        assertEquals(c, Spectra.spectralRadius(w), 1e-12);
    }

    @Test
    void spectralRadiusOfADiagonalIsTheLargestModulus() {
        double[][] w = {{0.5, 0, 0}, {0, -2.5, 0}, {0, 0, 1.0}};
        assertEquals(2.5, Spectra.spectralRadius(w), 1e-12);
        assertEquals(0.0, Spectra.spectralRadius(new double[3][3]), 0.0);
    }

    @Test
    void spectralRadiusIsNotTheNormForANonNormalMatrix() {
        double[][] nilpotent = {{0, 5}, {0, 0}};
        assertEquals(0.0, Spectra.spectralRadius(nilpotent), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Spectra.spectralRadius(new double[][] {{1, 2}}));
    }

    @Test
    void svdEntropyIsOneForTheIdentityAndZeroAtRankOne() {
        double[][] id = new double[6][6];
        for (int i = 0; i < 6; i++) {
            id[i][i] = 3;
        }
        assertEquals(1.0, Spectra.svdEntropy(id), 1e-12);
        double[][] rankOne = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                rankOne[i][j] = (i + 1) * (j - 2.5);
            }
        }
        assertEquals(0.0, Spectra.svdEntropy(rankOne), 1e-7);
    }

    @Test
    void svdEntropyUsesSingularValuesNotTheirSquares() {
        double[][] w = {{2, 0}, {0, 1}};
        double p = 2.0 / 3;
        double expected = -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
        assertEquals(expected, Spectra.svdEntropy(w), 1e-12);
        assertTrue(Double.isNaN(Spectra.svdEntropy(new double[2][2])), "zero matrix has no distribution");
    }

    @Test
    void dalenessCountsSingleSignedColumns() {
        double[][] w = {
            {1, -1, 0, 2},
            {2, -3, 0, -1},
            {0, -1, 0, 1}};
        // columns: +, -, zero (single-signed), mixed
        assertEquals(0.75, Spectra.daleness(w), 0.0);
        assertEquals(1.0, Spectra.daleness(new double[][] {{1, -2}, {3, -4}}), 0.0);
        assertEquals(0.0, Spectra.daleness(new double[][] {{1, -2}, {-3, 4}}), 0.0);
    }
}
