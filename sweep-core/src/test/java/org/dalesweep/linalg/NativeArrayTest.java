package org.dalesweep.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeArrayTest {

    /** A 5 x 4 column-major matrix holding 100 * row + column, read as its rows 1..3 of columns 1..3. */
    private static void readsABlockOfColumnsPacked(NativeArray a) {
        int ld = 5;
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < ld; i++) {
                a.set(j * ld + i, 100 * i + j);
            }
        }
        double[] dst = new double[2 + 9];
        dst[0] = -1;
        dst[1] = -2;
        a.readColumns(ld + 1, ld, 3, 3, dst, 2);
        assertArrayEquals(new double[] {-1, -2, 101, 201, 301, 102, 202, 302, 103, 203, 303}, dst);
    }

    @Test
    void readColumnsPacksABlockOfAFloatMatrix() {
        readsABlockOfColumnsPacked(NativeArray.floats(20));
    }

    @Test
    void readColumnsPacksABlockOfADoubleMatrix() {
        readsABlockOfColumnsPacked(NativeArray.doubles(20));
    }

    @Test
    void readColumnsOfNothingReadsNothing() {
        double[] dst = {7};
        NativeArray.floats(3).readColumns(0, 3, 0, 2, dst, 0);
        NativeArray.floats(3).readColumns(0, 3, 3, 0, dst, 0);
        assertArrayEquals(new double[] {7}, dst);
    }

    /** float32 values written to a span and read back, at both widths: exact (float32 fits float64). */
    private static void roundTripsFloat32Values(NativeArray a) {
        float[] src = {9, 1.5f, -0x1.0p-149f, Float.MAX_VALUE, 0.1f, 9};
        a.write(2, src, 1, 4);
        assertEquals(0, a.get(1));
        assertEquals(1.5, a.get(2));
        assertEquals(0, a.get(6));
        float[] dst = new float[6];
        a.read(2, dst, 2, 4);
        assertArrayEquals(new float[] {0, 0, 1.5f, -0x1.0p-149f, Float.MAX_VALUE, 0.1f}, dst);
    }

    @Test
    void float32SpansRoundTripThroughAFloatArray() {
        roundTripsFloat32Values(NativeArray.floats(8));
    }

    @Test
    void float32SpansRoundTripThroughADoubleArray() {
        roundTripsFloat32Values(NativeArray.doubles(8));
    }
}
