package org.dalesweep.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskParam;
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
 * classes. Score: accuracy of the argmax at the last step.
 *
 * <p>Three splits, so that the test set stays out of every training decision: the first
 * {@code val_size} images of the training file (default 5,000, TensorFlow's {@code read_data_sets}
 * split: 55,000 train / 5,000 validation of MNIST's 60,000) are the validation split, the rest the
 * training split. Training batches draw images uniformly with replacement from the training split;
 * {@link #sampleHeldOut} draws distinct validation images for the evaluations during training (the
 * trajectory and the stop at {@code target_accuracy}); {@link #testSet} is the test file, all of it
 * in file order, scored once when a run completes. All splits are read once, when the task is built
 * (a task object lives for one run).
 */
public final class SeqImages implements Task {

    private final String name;
    private final LabelledImages train;
    private final LabelledImages test;
    /** Images [0, valSize) of the training file are the validation split, the rest the training split. */
    private final int valSize;
    private final List<String> classNames;
    private final int classes;

    SeqImages(String name, LabelledImages train, LabelledImages test, int valSize, List<String> classNames) {
        if (train.images().rows() != test.images().rows() || train.images().cols() != test.images().cols()) {
            throw new IllegalArgumentException(name + ": train images are " + train.images().rows() + "×"
                    + train.images().cols() + ", test images " + test.images().rows() + "×" + test.images().cols());
        }
        if (train.count() == 0 || test.count() == 0) {
            throw new IllegalArgumentException(name + ": a split is empty (train " + train.count() + ", test " + test.count() + ")");
        }
        if (valSize < 1 || valSize >= train.count()) {
            throw new IllegalArgumentException(name + ": a validation split of " + valSize + " of " + train.count()
                    + " training images leaves none to train on (or is empty)");
        }
        this.name = name;
        this.train = train;
        this.test = test;
        this.valSize = valSize;
        this.classNames = List.copyOf(classNames);
        this.classes = classNames.size();
    }

    /** The parameter {@code task.val_size}, for the definitions of both image tasks. */
    /**
     * The definition of a row-wise sequential image task {@code name}: its IDX files under
     * {@code task.data_dir} (default {@code defaultDataDir}), {@code task.val_size}, and {@code classes}
     * as output names in label order.
     */
    static TaskDefinition definition(String name, String summary, String defaultDataDir, List<String> classes) {
        return new TaskDefinition(
                name,
                summary,
                true,
                List.of(TaskParam.text("data_dir", defaultDataDir,
                        "directory of the IDX files (train-/t10k-images-idx3-ubyte[.gz], …-labels-idx1-ubyte[.gz])"),
                        valSizeParam()),
                (spec, network) -> load(name, spec, classes));
    }

    static TaskParam valSizeParam() {
        return TaskParam.integer("val_size", 5000, "validation images: the first val_size of the training file "
                + "(held-out score, target_accuracy); training uses the rest, the test file only the final score", 1, 100_000_000);
    }

    /**
     * Reads both files from {@code task.data_dir}; a missing or bad file is a problem of that key, a
     * validation split that leaves no training image one of {@code task.val_size}.
     */
    static SeqImages load(String name, TaskSpec spec, List<String> classNames) throws SpecException {
        Path dir = Path.of(spec.text("data_dir"));
        int valSize = spec.integer("val_size");
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
            if (valSize >= train.count()) {
                throw new SpecException("task.val_size: " + valSize + " leaves no training image: "
                        + dir.resolve(LabelledImages.Split.TRAIN.imagesFile()).getParent() + " holds " + train.count()
                        + " training images; take fewer for validation");
            }
            return new SeqImages(name, train, test, valSize, classNames);
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

    /** Images in the training split (the training file minus the validation split). */
    public int trainCount() {
        return train.count() - valSize;
    }

    /** Images in the validation split. */
    public int validationCount() {
        return valSize;
    }

    public int testCount() {
        return test.count();
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int[] picks = new int[size];
        for (int b = 0; b < size; b++) {
            picks[b] = valSize + rng.nextInt(trainCount());
        }
        return batch(train, picks);
    }

    /**
     * Distinct validation images (all of them, in random order and then again, when size exceeds the
     * split).
     */
    @Override
    public Batch sampleHeldOut(int size, RandomGenerator rng) {
        return batch(train, Picks.distinct(valSize, size, rng));
    }

    /** The whole test file in file order. */
    @Override
    public Optional<TestSet> testSet() {
        return Optional.of(new TestSet() {
            @Override
            public int size() {
                return test.count();
            }

            @Override
            public Batch batch(int from, int to) {
                if (from < 0 || to > test.count() || from >= to) {
                    throw new IndexOutOfBoundsException("test images [" + from + ", " + to + ") of " + test.count());
                }
                int[] picks = new int[to - from];
                for (int b = 0; b < picks.length; b++) {
                    picks[b] = from + b;
                }
                return SeqImages.this.batch(test, picks);
            }
        });
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
