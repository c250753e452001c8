package org.dalesweep.model;

import org.dalesweep.linalg.NativeArray;

/**
 * The native buffers of one network, kept across passes: weights as BLAS sees them, their
 * gradients, and the per-pass activity stacked over time (column block t = step t, each block
 * N x B column-major). Column buffers grow when a batch needs more steps x trials than any
 * before, and are reused otherwise.
 */
final class Workspace {
    private final int units;
    private final int inputs;
    private final int outputs;

    /** Effective W_rec, W_in', W_out' and the gradients with respect to them, and to b_rec, b_out. */
    final NativeArray wRec;
    final NativeArray wIn;
    final NativeArray wOut;
    final NativeArray gradWRec;
    final NativeArray gradWIn;
    final NativeArray gradWOut;
    final NativeArray gradBRec;
    final NativeArray gradBOut;

    /** N x B, heap, float64: v during the forward pass, dL/dv during the backward pass. */
    double[] state = new double[0];
    /** N x B, heap: the standard normals of the current step. */
    double[] noise = new double[0];
    /** n_in x (T B): the inputs. */
    NativeArray u;
    /** N x (T B): the input drive W_in' u_t, plus W_rec r_t once step t runs; dL/dh_t after BPTT. */
    NativeArray drive;
    /** N x ((T+1) B): the rates r_0 .. r_T. */
    NativeArray rates;
    /** n_out x (T B): outputs z_0 .. z_{T-1}, and dL/dz. */
    NativeArray z;
    NativeArray gradZ;
    /** N x (T B): dL/dr_{t+1} from the readout and, during BPTT, W_rec^T dL/dh_{t+1} added in. */
    NativeArray gradRates;
    /** (T B) ones, to sum columns with a product. */
    NativeArray ones;

    private int columnCapacity = -1;
    private int batchCapacity = -1;

    Workspace(boolean doublePrecision, int units, int inputs, int outputs) {
        this.units = units;
        this.inputs = inputs;
        this.outputs = outputs;
        NativeArray proto = doublePrecision ? NativeArray.doubles(0) : NativeArray.floats(0);
        wRec = proto.like(units * units);
        wIn = proto.like(units * inputs);
        wOut = proto.like(outputs * units);
        gradWRec = proto.like(units * units);
        gradWIn = proto.like(units * inputs);
        gradWOut = proto.like(outputs * units);
        gradBRec = proto.like(units);
        gradBOut = proto.like(outputs);
    }

    /** Makes room for a batch of {@code steps} x {@code batch}. */
    void ensure(int steps, int batch) {
        int columns = Math.multiplyExact(steps + 1, batch);
        if (columns > columnCapacity) {
            NativeArray proto = wRec;
            u = proto.like(Math.multiplyExact(inputs, columns));
            drive = proto.like(Math.multiplyExact(units, columns));
            rates = proto.like(Math.multiplyExact(units, columns));
            z = proto.like(Math.multiplyExact(outputs, columns));
            gradZ = proto.like(Math.multiplyExact(outputs, columns));
            gradRates = proto.like(Math.multiplyExact(units, columns));
            ones = proto.like(columns);
            ones.fill(0, columns, 1);
            columnCapacity = columns;
        }
        if (batch > batchCapacity) {
            state = new double[Math.multiplyExact(units, batch)];
            noise = new double[state.length];
            batchCapacity = batch;
        }
    }
}
