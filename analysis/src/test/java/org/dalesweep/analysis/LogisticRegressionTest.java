package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void twoByTwoTableGivesTheClosedFormLogOddsRatioAndItsStandardError() {
        // exposure 1: 30 successes of 40 (a = 30, b = 10); exposure 0: 12 of 48 (c = 12, d = 36)
        double a = 30;
        double b = 10;
        double c = 12;
        double d = 36;
        double[][] x = {{1, 0}, {1, 1}};
        LogisticRegression.Fit fit = LogisticRegression.fit(x, new double[] {c + d, a + b}, new double[] {c, a}, 0);
        assertTrue(fit.converged());
        assertFalse(fit.separated());
        assertEquals(Math.log(c / d), fit.coefficients()[0], 1e-9);
        assertEquals(Math.log(a * d / (b * c)), fit.coefficients()[1], 1e-9);
        assertEquals(Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), fit.standardErrors()[1], 1e-9);
        assertEquals(Math.sqrt(1 / c + 1 / d), fit.standardErrors()[0], 1e-9);
    }

    @Test
    void maximumLikelihoodSolvesTheScoreEquationsWithTwoFactors() {
        // 2 × 3 design, main effects: intercept, f1=1, f2=1, f2=2
        double[][] x = {{1, 0, 0, 0}, {1, 0, 1, 0}, {1, 0, 0, 1}, {1, 1, 0, 0}, {1, 1, 1, 0}, {1, 1, 0, 1}};
        double[] n = {20, 25, 30, 22, 18, 40};
        double[] y = {3, 9, 20, 8, 10, 33};
        LogisticRegression.Fit fit = LogisticRegression.fit(x, n, y, 0);
        assertTrue(fit.converged());
        double[] beta = fit.coefficients();
        for (int j = 0; j < 4; j++) {
            double score = 0;
            for (int i = 0; i < x.length; i++) {
                double eta = 0;
                for (int k = 0; k < 4; k++) {
                    eta += x[i][k] * beta[k];
                }
                score += x[i][j] * (y[i] - n[i] / (1 + Math.exp(-eta)));
            }
            assertEquals(0, score, 1e-8, "score of column " + j);
        }
    }

    @Test
    void completeSeparationIsFlaggedAndARidgeGivesFiniteEstimates() {
        double[][] x = {{1, 0}, {1, 1}};
        double[] n = {10, 10};
        double[] y = {0, 10};
        LogisticRegression.Fit plain;
        try {
            plain = LogisticRegression.fit(x, n, y, 0);
            assertTrue(plain.separated());
        } catch (ArithmeticException singular) {
            // the information vanishes as the fit runs off to infinity: also a sign of separation
        }
        LogisticRegression.Fit ridge = LogisticRegression.fit(x, n, y, OddsModel.RIDGE);
        assertTrue(ridge.converged());
        assertTrue(ridge.coefficients()[1] > 3 && Double.isFinite(ridge.standardErrors()[1]));
        assertEquals(OddsModel.RIDGE, ridge.ridge());
    }
}
