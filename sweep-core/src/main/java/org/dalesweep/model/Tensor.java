package org.dalesweep.model;

/**
 * A parameter tensor held in float64 on the heap (column-major {@code rows x cols}) with its
 * gradient. The network copies values into native buffers of its precision for each pass, so
 * the optimiser's updates accumulate in float64 whatever the compute width.
 */
final class Tensor implements Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    final double[] value;
    final double[] grad;

    Tensor(String name, int rows, int cols) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = new double[rows * cols];
        this.grad = new double[rows * cols];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public double value(int i) {
        return value[i];
    }

    @Override
    public void setValue(int i, double v) {
        value[i] = v;
    }

    @Override
    public double grad(int i) {
        return grad[i];
    }

    @Override
    public String toString() {
        return name + " " + rows + "x" + cols;
    }
}
