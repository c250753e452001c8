package org.dalesweep.task;

/**
 * A batch of trials, time-major: {@code inputs[(t*batch + b)*inputCount + i]}, and targets and
 * mask laid out alike over outputs. The mask weights each (step, trial, output) in the loss;
 * {@code labels[b]} is the correct class of trial b for classification tasks (-1 when a trial
 * has none, e.g. a catch trial scored on the target level), unused otherwise.
 */
public record Batch(int steps, int size, int inputCount, int outputCount,
                    float[] inputs, float[] targets, float[] mask, int[] labels) {

    public Batch {
        if (inputs.length != steps * size * inputCount) {
            throw new IllegalArgumentException("inputs has " + inputs.length + " values, expected "
                    + steps + "*" + size + "*" + inputCount);
        }
        if (targets.length != steps * size * outputCount || mask.length != targets.length) {
            throw new IllegalArgumentException("targets/mask have " + targets.length + "/" + mask.length
                    + " values, expected " + steps + "*" + size + "*" + outputCount);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException("labels has " + labels.length + " values, expected " + size);
        }
    }

    public float input(int t, int b, int i) {
        return inputs[(t * size + b) * inputCount + i];
    }

    public float target(int t, int b, int k) {
        return targets[(t * size + b) * outputCount + k];
    }

    public float mask(int t, int b, int k) {
        return mask[(t * size + b) * outputCount + k];
    }

    /**
     * An array laid out like this batch, time-major ({@code [(t*B + b)*width + i]}), reordered
     * trial-major ({@code [(b*T + t)*width + i]}) as NumPy's [trials, T, width] in C order.
     */
    public float[] trialMajor(float[] timeMajor, int width) {
        if (timeMajor.length != steps * size * width) {
            throw new IllegalArgumentException(timeMajor.length + " values, expected " + steps + "*" + size + "*" + width);
        }
        float[] out = new float[timeMajor.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < size; b++) {
                System.arraycopy(timeMajor, (t * size + b) * width, out, (b * steps + t) * width, width);
            }
        }
        return out;
    }
}
