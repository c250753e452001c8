package org.dalesweep.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskSpec;
import org.dalesweep.task.data.DataException;
import org.dalesweep.task.data.LabelledImages;

/**
 * Row-wise sequential image classification (sequential MNIST and Fashion-MNIST as Li et al. 2023
 * use them): one image row per step, 28 steps of 28 grey levels scaled to [0, 1], 10 outputs.
 *
 * <p>Conventions: steps are rows, not time (dt does not change the task). The answer is read at
 * the last step only: the mask is the last step (so the cross-entropy of Li et al. is on the last
 * step), targets there are one-hot (1 on the class, 0 elsewhere) for the MSE loss, labels are the
 * classes. Score: accuracy of the argmax at the last step. Training batches draw images uniformly
 * with replacement from the train split; {@link #sampleHeldOut} draws distinct images from the test
 * split, so the reported accuracy is on images never trained on. Both splits are read once, when
 * the task is built (a task object lives for one run).
 */
public final class SeqImages implements Task {

    private final String name;
    private final LabelledImages train;
    private final LabelledImages test;
    private final List<String> classNames;
    private final int classes;

    SeqImages(String name, LabelledImages train, LabelledImages test, List<String> classNames) {
        if (train.images().rows() != test.images().rows() || train.images().cols() != test.images().cols()) {
            throw new IllegalArgumentException(name + ": train images are " + train.images().rows() + "×"
                    + train.images().cols() + ", test images " + test.images().rows() + "×" + test.images().cols());
        }
        if (train.count() == 0 || test.count() == 0) {
            throw new IllegalArgumentException(name + ": a split is empty (train " + train.count() + ", test " + test.count() + ")");
        }
        this.name = name;
        this.train = train;
        this.test = test;
        this.classNames = List.copyOf(classNames);
        this.classes = classNames.size();
    }

    /** Reads both splits from {@code task.data_dir}; a missing or bad file is a problem of that key. */
    static SeqImages load(String name, TaskSpec spec, List<String> classNames) throws SpecException {
        Path dir = Path.of(spec.text("data_dir"));
        try {
            LabelledImages train = LabelledImages.read(dir, LabelledImages.Split.TRAIN, classNames.size());
            LabelledImages test = LabelledImages.read(dir, LabelledImages.Split.TEST, classNames.size());
            if (train.images().rows() != test.images().rows() || train.images().cols() != test.images().cols()) {
                throw new DataException(dir + ": train and test images differ in size ("
                        + train.images().rows() + "×" + train.images().cols() + " vs "
                        + test.images().rows() + "×" + test.images().cols() + ")");
            }
            if (train.count() == 0 || test.count() == 0) {
                throw new DataException(dir + ": a split holds no images (train " + train.count() + ", test "
                        + test.count() + "); run `" + LabelledImages.FETCH_COMMAND + "`");
            }
            return new SeqImages(name, train, test, classNames);
        } catch (DataException e) {
            throw new SpecException("task.data_dir: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputCount() {
        return train.images().cols();
    }

    @Override
    public int outputCount() {
        return classes;
    }

    @Override
    public int steps() {
        return train.images().rows();
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public OptionalDouble stepMs() {
        return OptionalDouble.empty();
    }

    @Override
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < inputCount(); c++) {
            names.add("column " + c);
        }
        return names;
    }

    @Override
    public List<String> outputNames() {
        return classNames;
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("image rows as steps (transposed)", 0, inputCount()));
    }

    public int trainCount() {
        return train.count();
    }

    public int testCount() {
        return test.count();
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int[] picks = new int[size];
        for (int b = 0; b < size; b++) {
            picks[b] = rng.nextInt(train.count());
        }
        return batch(train, picks);
    }

    /** Distinct test images (all of them, in random order and then again, when size exceeds the split). */
    @Override
    public Batch sampleHeldOut(int size, RandomGenerator rng) {
        int n = test.count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] picks = new int[size];
        for (int b = 0; b < size; b++) {
            int i = b % n;
            if (i == 0) {
                for (int j = n - 1; j > 0; j--) {
                    int k = rng.nextInt(j + 1);
                    int tmp = order[j];
                    order[j] = order[k];
                    order[k] = tmp;
                }
            }
            picks[b] = order[i];
        }
        return batch(test, picks);
    }

    private Batch batch(LabelledImages from, int[] picks) {
        int rows = steps();
        int cols = inputCount();
        int size = picks.length;
        TrialBuffer buf = new TrialBuffer(rows, size, cols, classes);
        for (int b = 0; b < size; b++) {
            int i = picks[b];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    buf.input(r, b, c, from.images().pixel(i, r, c) / 255.0);
                }
            }
            int label = from.label(i);
            buf.label(b, label);
            buf.respond(b, rows - 1, rows, label, 1f, 0f);
        }
        return buf.build();
    }

    @Override
    public double score(Batch batch, float[] z) {
        return Scoring.meanOverMaskArgmax(batch, z, 0.5);
    }
}
