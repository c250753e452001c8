package org.dalesweep.model;

import org.dalesweep.linalg.NativeArray;
import org.dalesweep.linalg.VectorGemm;

/**
 * The native buffers of one network, kept across passes, laid out so that BPTT needs few
 * products. With L = N + n_out and K = N + n_in + 1:
 * <ul>
 *   <li>{@link #weights} is L x K: [W_rec W_in' b_rec; W_out' 0 b_out]. A forward step multiplies
 *   it by one block of {@link #rates} ([r_t; u_t; 1]), giving h_t = W_rec r_t + W_in' u_t + b_rec
 *   and the readout z_{t-1} = W_out' r_t + b_out at once (a readout product of its own, with n_out
 *   rows, ran at a tenth of the GEMM rate); a backward step multiplies the transpose of its first
 *   N columns by one block of {@link #drive}, giving W_rec^T dL/dh_t + W_out'^T dL/dz_{t-1} =
 *   dL/dr_t at once.</li>
 *   <li>{@link #drive} is L x ((T+1) B), column block t = step t: rows 0..N-1 hold h_t during the
 *   forward pass, then dL/dh_t after BPTT (zero in block T); rows N.. hold z_{t-1} after the
 *   forward pass, then dL/dz_{t-1} (zero in block 0).</li>
 *   <li>{@link #rates} is K x ((T+1) B): r_0 .. r_T with u_0 .. u_{T-1} under them (zero under
 *   r_T) and a row of ones. So {@code drive} times {@code rates} transposed is
 *   [dL/dW_rec dL/dW_in' dL/db_rec; dL/dW_out' - dL/db_out] in one product over every step.</li>
 * </ul>
 * The input and bias terms ride along in the big products (n_in + 1 more rows or columns)
 * instead of products with few rows or columns of their own, which OpenBLAS runs far below peak,
 * or sums in the step loops. Column buffers grow when a batch needs more steps x trials than any
 * before, and are reused otherwise.
 *
 * <p>For {@link Products#VECTOR} the buffers live on the Java heap and the row counts of the
 * products' outputs (L, and N for dL/dr_t) are padded to whole vectors; the padding rows of the
 * weights are zero, and no one reads them in the outputs.
 */
final class Workspace {
    private final int units;
    private final int outputs;

    /** Leading dimension of {@link #weights}, {@link #gradWeights} and {@link #drive}: N + n_out (padded for vectors). */
    final int stacked;
    /** Leading dimension of {@link #gradRate}: N (padded for vectors). */
    final int gradRows;
    /** For {@link Products#VECTOR}, else null: W_rec and W_out' transposed, gradRows x L, the backward products' operand. */
    final NativeArray weightsTransposed;
    /** The staging array of {@link #weightsTransposed}. */
    final double[] transposedStaging;
    /** Leading dimension of {@link #rates}: N + n_in + 1. */
    final int rateRows;
    /** Offset of the last column of {@link #weights} and {@link #gradWeights}: the biases, and their gradients. */
    final int biases;
    /** [W_rec W_in' b_rec; W_out' 0 b_out], L x K. */
    final NativeArray weights;
    /** [dL/dW_rec dL/dW_in' dL/db_rec; dL/dW_out' (unused) dL/db_out], L x K. */
    final NativeArray gradWeights;
    /** L x K, heap: the weights before one bulk copy into {@link #weights} (rows N.. of the input columns stay zero). */
    final double[] weightsStaging;
    /** L x K, heap: the gradient after one bulk copy out of {@link #gradWeights}. */
    final double[] gradStaging;

    NativeArray drive;
    NativeArray rates;
    /** n_out x (T B), heap: the outputs z_0 .. z_{T-1}, biases included, copied out of {@link #drive} after the forward pass. */
    double[] z = new double[0];
    /** N x B: dL/dr_t of one backward step. */
    NativeArray gradRate;

    private int columnCapacity = -1;
    private int batchCapacity = -1;

    Workspace(boolean doublePrecision, int units, int inputs, int outputs, Products products) {
        this.units = units;
        this.outputs = outputs;
        boolean vector = products == Products.VECTOR;
        int multiple = vector ? VectorGemm.lanes() : 1;
        this.stacked = roundUp(units + outputs, multiple);
        this.gradRows = roundUp(units, multiple);
        NativeArray proto = vector ? NativeArray.heapFloats(0)
                : doublePrecision ? NativeArray.doubles(0) : NativeArray.floats(0);
        this.rateRows = units + inputs + 1;
        this.biases = (rateRows - 1) * stacked;
        weights = proto.like(stacked * rateRows);
        gradWeights = proto.like(stacked * rateRows);
        weightsStaging = new double[stacked * rateRows];
        gradStaging = new double[stacked * rateRows];
        weightsTransposed = vector ? proto.like(gradRows * (units + outputs)) : null;
        transposedStaging = vector ? new double[gradRows * (units + outputs)] : null;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Makes room for a batch of {@code steps} x {@code batch}. */
    void ensure(int steps, int batch) {
        int columns = Math.multiplyExact(steps + 1, batch);
        if (columns > columnCapacity) {
            drive = weights.like(Math.multiplyExact(stacked, columns));
            rates = weights.like(Math.multiplyExact(rateRows, columns));
            z = new double[Math.multiplyExact(outputs, columns)];
            columnCapacity = columns;
        }
        if (batch > batchCapacity) {
            gradRate = weights.like(Math.multiplyExact(gradRows, batch));
            batchCapacity = batch;
        }
    }

    /**
     * Bytes held by the buffers that grow with steps x trials (drive, rates with inputs, outputs): the
     * trajectory BPTT needs, and all of it there is; 0 before the first batch.
     */
    long trajectoryBytes() {
        if (columnCapacity < 0) {
            return 0;
        }
        long perValue = weights.isDouble() ? Double.BYTES : Float.BYTES;
        return perValue * ((long) drive.length() + rates.length()) + (long) Double.BYTES * z.length;
    }
}
