package org.dalesweep.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LapackTest {

    @Test
    void eigenvaluesOfATriangularMatrixAreItsDiagonalAndTheInputIsUntouched() {
        double[] a = {2, 0, 0, 1, -3, 0, 4, 5, 0.5}; // column-major upper triangular
        double[] copy = a.clone();
        double[][] ev = Lapack.eigenvalues(a, 3);
        double[] re = ev[0].clone();
        Arrays.sort(re);
        assertArrayEquals(new double[] {-3, 0.5, 2}, re, 1e-12);
        assertArrayEquals(new double[3], ev[1], 1e-12);
        assertArrayEquals(copy, a, 0.0);
    }

    @Test
    void singularValuesOfARectangularMatrix() {
        double[] a = {3, 0, 0, 0, 4, 0}; // 3 x 2, columns (3,0,0) and (0,4,0)
        double[] s = Lapack.singularValues(a, 3, 2);
        assertArrayEquals(new double[] {4, 3}, s, 1e-12);
        assertEquals(2, s.length);
    }
}
