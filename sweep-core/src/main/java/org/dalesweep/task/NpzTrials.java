package org.dalesweep.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dalesweep.npz.NpyHeader;
import org.dalesweep.npz.Npz;
import org.dalesweep.npz.NpzException;
import org.dalesweep.npz.NpzWriter;
import org.dalesweep.task.data.DataException;

/**
 * Trials in a NumPy {@code .npz}: float arrays {@code inputs}, {@code targets}, optional {@code mask}
 * ({@code <f4} or {@code <f8}, C order) and integer {@code labels}, as {@code numpy.savez} or
 * {@code numpy.savez_compressed} write them.
 */
public final class NpzTrials implements TrialFormat {

    @Override
    public List<String> extensions() {
        return List.of(".npz");
    }

    @Override
    public TrialShape inspect(Path file) throws DataException {
        try (Npz npz = Npz.open(file)) {
            return shape(npz);
        } catch (NpzException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    private static TrialShape shape(Npz npz) throws NpzException, DataException {
        NpyHeader inputs = floatArray(npz, TrialShape.INPUTS, true).orElseThrow();
        NpyHeader targets = floatArray(npz, TrialShape.TARGETS, true).orElseThrow();
        Optional<NpyHeader> mask = floatArray(npz, TrialShape.MASK, false);
        Optional<NpyHeader> labels = npz.header(TrialShape.LABELS);
        if (labels.isPresent()) {
            check(npz, TrialShape.LABELS, labels.get(), List.of("<i8", "<i4", "<i2", "|i1", "<u4", "<u2", "|u1"), "an integer dtype");
        }
        return TrialShape.of(npz.path().toString(), inputs.shape(), targets.shape(),
                mask.map(NpyHeader::shape).orElse(null), labels.map(NpyHeader::shape).orElse(null));
    }

    private static Optional<NpyHeader> floatArray(Npz npz, String name, boolean required) throws NpzException {
        Optional<NpyHeader> h = required ? Optional.of(npz.require(name)) : npz.header(name);
        if (h.isPresent()) {
            check(npz, name, h.get(), List.of("<f4", "<f8"), "float32 or float64 ('<f4', '<f8')");
        }
        return h;
    }

    private static void check(Npz npz, String name, NpyHeader h, List<String> dtypes, String expected) throws NpzException {
        String where = npz.path() + ": array '" + name + "'";
        if (!dtypes.contains(h.descr())) {
            throw new NpzException(where + ": dtype " + h.descr() + ", expected " + expected);
        }
        if (h.fortranOrder()) {
            throw new NpzException(where + ": stored in Fortran order (fortran_order: True); save it in C order"
                    + " (numpy.ascontiguousarray)");
        }
    }

    @Override
    public TrialArrays read(Path file) throws DataException {
        try (Npz npz = Npz.open(file)) {
            TrialShape shape = shape(npz);
            float[] mask = shape.mask() ? npz.floats(TrialShape.MASK) : null;
            int[] labels = null;
            if (shape.labels()) {
                long[] l = npz.integers(TrialShape.LABELS);
                labels = new int[l.length];
                for (int b = 0; b < l.length; b++) {
                    labels[b] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l[b]));
                }
            }
            return TrialArrays.checked(file.toString(), shape, npz.floats(TrialShape.INPUTS), npz.floats(TrialShape.TARGETS),
                    mask, labels);
        } catch (NpzException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /**
     * Writes a batch's trials as a trial file {@link #read} takes back: {@code inputs},
     * {@code targets}, {@code mask} as float32 [trials, T, n], and {@code labels} (int64) when
     * {@code labelled}; deflated, through a temporary file renamed into place.
     */
    public static void write(Batch batch, boolean labelled, Path file) throws IOException {
        int steps = batch.steps();
        int size = batch.size();
        NpzWriter w = new NpzWriter()
                .floats(TrialShape.INPUTS, batch.trialMajor(batch.inputs(), batch.inputCount()), size, steps, batch.inputCount())
                .floats(TrialShape.TARGETS, batch.trialMajor(batch.targets(), batch.outputCount()), size, steps, batch.outputCount())
                .floats(TrialShape.MASK, batch.trialMajor(batch.mask(), batch.outputCount()), size, steps, batch.outputCount());
        if (labelled) {
            long[] labels = new long[size];
            for (int b = 0; b < size; b++) {
                labels[b] = batch.labels()[b];
            }
            w.longs(TrialShape.LABELS, labels, size);
        }
        w.write(file, true);
    }
}
