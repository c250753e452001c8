package org.dalesweep.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A flat array of float32 or float64 values in native (direct, off-heap) memory, so that BLAS
 * reads and writes it in place without copies. Java code reads and writes it through
 * {@link #get}/{@link #set} and bulk copies to and from {@code double[]} or {@code float[]}
 * whatever the width: one code path serves both precisions, and in a JVM that uses one width the
 * calls stay monomorphic and inline. A copy between arrays of the same width is one bulk copy.
 */
public abstract sealed class NativeArray permits NativeArray.Floats, NativeArray.Doubles {

    private final int length;

    private NativeArray(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        this.length = length;
    }

    /** A zero-filled float32 array. */
    public static NativeArray floats(int length) {
        return new Floats(length, false);
    }

    /**
     * A zero-filled float32 array on the Java heap instead of native memory: the operand of
     * {@link VectorGemm}, which reads heap arrays at full speed, and never of {@link Blas}.
     */
    public static NativeArray heapFloats(int length) {
        return new Floats(length, true);
    }

    /** A zero-filled float64 array. */
    public static NativeArray doubles(int length) {
        return new Doubles(length);
    }

    /** A zero-filled array of the same width (and, for float32, the same memory: native or heap) as this one. */
    public final NativeArray like(int newLength) {
        if (isDouble()) {
            return doubles(newLength);
        }
        return ((Floats) this).heap == null ? floats(newLength) : heapFloats(newLength);
    }

    public final int length() {
        return length;
    }

    public abstract boolean isDouble();

    public abstract double get(int i);

    public abstract void set(int i, double v);

    /** Sets {@code [from, from + count)} to {@code v}. */
    public void fill(int from, int count, double v) {
        for (int i = from; i < from + count; i++) {
            set(i, v);
        }
    }

    /** Copies {@code [offset, offset + count)} into {@code dst[at, at + count)}: one bulk copy, widened if float32. */
    public abstract void read(int offset, double[] dst, int at, int count);

    /** Copies {@code src[at, at + count)} into {@code [offset, offset + count)}: one bulk copy, rounded if float32. */
    public abstract void write(int offset, double[] src, int at, int count);

    /** Copies {@code [offset, offset + count)} into {@code dst[at, at + count)}: one bulk copy if float32, else rounded. */
    public abstract void read(int offset, float[] dst, int at, int count);

    /** Copies {@code src[at, at + count)} into {@code [offset, offset + count)}: one bulk copy if float32, else widened. */
    public abstract void write(int offset, float[] src, int at, int count);

    /**
     * Copies the {@code rows x cols} column-major block at {@code offset} with leading dimension
     * {@code ld} into {@code dst[at, at + rows * cols)}, packed (leading dimension {@code rows}).
     */
    public void readColumns(int offset, int ld, int rows, int cols, double[] dst, int at) {
        for (int j = 0; j < cols; j++) {
            read(offset + j * ld, dst, at + j * rows, rows);
        }
    }

    /**
     * A native pointer to element {@code offset}, for BLAS. Each operand slot (0, 1, 2) has its own
     * pointer object, so the same array may appear twice in one call at different offsets.
     */
    abstract Pointer at(int slot, long offset);

    /** float32 storage. */
    public static final class Floats extends NativeArray {
        private final FloatBuffer data;
        /** The values when on the heap ({@link #heapFloats}), else null. */
        private final float[] heap;
        private final FloatPointer[] views = new FloatPointer[3];
        private float[] staging = new float[0];

        private Floats(int length, boolean onHeap) {
            super(length);
            if (onHeap) {
                this.heap = new float[Math.max(1, length)];
                this.data = FloatBuffer.wrap(heap);
            } else {
                this.heap = null;
                this.data = ByteBuffer.allocateDirect(Math.max(1, length) * Float.BYTES)
                        .order(ByteOrder.nativeOrder()).asFloatBuffer();
                for (int s = 0; s < views.length; s++) {
                    views[s] = new FloatPointer(data);
                }
            }
        }

        /** The heap array holding the values; throws for an array in native memory. */
        float[] heapArray() {
            if (heap == null) {
                throw new IllegalStateException("a native float32 array has no heap array");
            }
            return heap;
        }

        @Override
        public boolean isDouble() {
            return false;
        }

        @Override
        public double get(int i) {
            return data.get(i);
        }

        @Override
        public void set(int i, double v) {
            data.put(i, (float) v);
        }

        @Override
        public void read(int offset, double[] dst, int at, int count) {
            float[] tmp = scratch(count);
            data.get(offset, tmp, 0, count);
            for (int i = 0; i < count; i++) {
                dst[at + i] = tmp[i];
            }
        }

        @Override
        public void read(int offset, float[] dst, int at, int count) {
            data.get(offset, dst, at, count);
        }

        @Override
        public void write(int offset, float[] src, int at, int count) {
            data.put(offset, src, at, count);
        }

        /** One bulk copy of the whole span, the gaps between columns included, then the columns widened. */
        @Override
        public void readColumns(int offset, int ld, int rows, int cols, double[] dst, int at) {
            if (cols == 0 || rows == 0) {
                return;
            }
            int span = (cols - 1) * ld + rows;
            float[] tmp = scratch(span);
            data.get(offset, tmp, 0, span);
            for (int j = 0; j < cols; j++) {
                int from = j * ld;
                int to = at + j * rows;
                for (int i = 0; i < rows; i++) {
                    dst[to + i] = tmp[from + i];
                }
            }
        }

        @Override
        public void write(int offset, double[] src, int at, int count) {
            float[] tmp = scratch(count);
            for (int i = 0; i < count; i++) {
                tmp[i] = (float) src[at + i];
            }
            data.put(offset, tmp, 0, count);
        }

        /** A reusable heap staging array (never shared: one array, one owner thread). */
        private float[] scratch(int count) {
            if (staging.length < count) {
                staging = new float[count];
            }
            return staging;
        }

        @Override
        FloatPointer at(int slot, long offset) {
            if (heap != null) {
                throw new IllegalStateException("a heap float32 array is not a BLAS operand");
            }
            return views[slot].position(offset);
        }
    }

    /** float64 storage. */
    public static final class Doubles extends NativeArray {
        private final DoubleBuffer data;
        private final DoublePointer[] views = new DoublePointer[3];

        private Doubles(int length) {
            super(length);
            this.data = ByteBuffer.allocateDirect(Math.max(1, length) * Double.BYTES)
                    .order(ByteOrder.nativeOrder()).asDoubleBuffer();
            for (int s = 0; s < views.length; s++) {
                views[s] = new DoublePointer(data);
            }
        }

        @Override
        public boolean isDouble() {
            return true;
        }

        @Override
        public double get(int i) {
            return data.get(i);
        }

        @Override
        public void set(int i, double v) {
            data.put(i, v);
        }

        @Override
        public void read(int offset, double[] dst, int at, int count) {
            data.get(offset, dst, at, count);
        }

        @Override
        public void write(int offset, double[] src, int at, int count) {
            data.put(offset, src, at, count);
        }

        @Override
        public void read(int offset, float[] dst, int at, int count) {
            for (int i = 0; i < count; i++) {
                dst[at + i] = (float) data.get(offset + i);
            }
        }

        @Override
        public void write(int offset, float[] src, int at, int count) {
            for (int i = 0; i < count; i++) {
                data.put(offset + i, src[at + i]);
            }
        }

        @Override
        DoublePointer at(int slot, long offset) {
            return views[slot].position(offset);
        }
    }
}
