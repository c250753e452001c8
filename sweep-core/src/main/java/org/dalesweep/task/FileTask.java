package org.dalesweep.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;
import org.dalesweep.task.data.DataException;

/**
 * Trials from a file the user made ({@code task.name: file}): NumPy {@code .npz} or Parquet with
 * {@code inputs} [trials, T, n_in], {@code targets} [trials, T, n_out], optional {@code mask}
 * [trials, T, n_out] (all ones without it) and optional integer {@code labels} [trials].
 *
 * <p>Conventions: the trials are split once, by {@code split_seed} (not the run's seed, so every
 * run of a sweep sees the same split): a shuffled order whose first {@code round(test_fraction n)}
 * trials are the test split, the next {@code round(val_fraction n)} the validation split, the rest
 * the training split. Training batches draw training trials uniformly with replacement; the
 * evaluations during training use distinct validation trials; the test split, in file order, is
 * scored once when a run completes (the run's {@code accuracy}; without a test split the last
 * validation score is both). A step is {@code task.dt_ms}, which must equal {@code network.dt_ms}.
 * Score: with labels, percent correct by the suite's rule ({@link Scoring#meanOverMaskArgmax}: the
 * argmax of each output's mean over the masked steps; a trial labelled -1 is correct when every
 * mean stays below 0.5); without labels, R² over the masked entries ({@link Scoring#rSquared}).
 * The file's SHA-256 ({@code task.sha256}, filled in by {@link TrialFiles#locate}) is checked when
 * the task is built: a file changed since the run was planned fails the run.
 */
public final class FileTask implements Task {

    public static final String NAME = "file";
    /** The parameter naming the trial file. */
    public static final String PATH = "path";
    /** The parameter holding the trial file's SHA-256, which stands for its content in the run id. */
    public static final String SHA256 = "sha256";
    static final String DT_MS = "dt_ms";
    static final String VAL_FRACTION = "val_fraction";
    static final String TEST_FRACTION = "test_fraction";
    static final String SPLIT_SEED = "split_seed";

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            NAME,
            "trials from your own .npz or .parquet file (inputs, targets, optional mask and labels)",
            true,
            List.of(
                    TaskParam.text(PATH, "", "the trial file, .npz or .parquet; required. Given relative to the sweep file"
                            + " (for train and task: to the working directory), recorded as an absolute path; not part of the run id"),
                    TaskParam.number(DT_MS, 0, "the trials' time step in ms; required, must equal network.dt_ms", 0, 1e6),
                    TaskParam.number(VAL_FRACTION, 0.1, "fraction of the trials in the validation split (held-out score"
                            + " during training, target_accuracy)", 0, 0.99),
                    TaskParam.number(TEST_FRACTION, 0.1, "fraction of the trials in the test split, scored once at the end"
                            + " (0: none)", 0, 0.99),
                    TaskParam.integer(SPLIT_SEED, 0, "seed of the split into training, validation and test trials", 0,
                            Integer.MAX_VALUE),
                    TaskParam.text(SHA256, "", "the file's SHA-256, recorded when a sweep or train places the file (leave"
                            + " it out); the run id hashes it in place of task.path; a file that no longer matches fails"
                            + " the run")),
            FileTask::load);

    private final TrialArrays data;
    private final double dtMs;
    private final int[] train;
    private final int[] validation;
    private final int[] test;

    private FileTask(TrialArrays data, double dtMs, int[] train, int[] validation, int[] test) {
        this.data = data;
        this.dtMs = dtMs;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** Reads and splits the spec's file; a problem with the file or the keys is a problem of that key. */
    static FileTask load(TaskSpec spec, NetworkSpec network) throws SpecException {
        String given = spec.text(PATH);
        if (given.isBlank()) {
            throw new SpecException("task.path: required for task.name: file (an .npz or .parquet of trials), got ''");
        }
        Path file = Path.of(given);
        String recorded = spec.text(SHA256);
        if (!recorded.isEmpty() && !Files.isRegularFile(file)) {
            throw new SpecException("task.path: " + file + ": no such file here (the run's trials, SHA-256 " + recorded
                    + "; on a cluster every node must see the file at this path)");
        }
        try {
            if (!recorded.isEmpty()) {
                String sha = TrialFiles.sha256(file);
                if (!sha.equals(recorded)) {
                    throw new SpecException("task.sha256: " + file + " has changed since the run was planned (SHA-256 "
                            + sha + ", the spec says " + recorded + ")");
                }
            }
            TrialArrays data = TrialFiles.formatOf(file).read(file);
            List<String> problems = new ArrayList<>();
            checkAgainst(spec, network.dtMs(), data.shape(), file, problems);
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
            int n = data.shape().trials();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(spec.integer(SPLIT_SEED));
            for (int j = n - 1; j > 0; j--) {
                int k = rng.nextInt(j + 1);
                int tmp = order[j];
                order[j] = order[k];
                order[k] = tmp;
            }
            int nTest = (int) Math.round(spec.number(TEST_FRACTION) * n);
            int nVal = (int) Math.round(spec.number(VAL_FRACTION) * n);
            int[] test = java.util.Arrays.copyOfRange(order, 0, nTest);
            java.util.Arrays.sort(test); // the test split in file order
            int[] validation = java.util.Arrays.copyOfRange(order, nTest, nTest + nVal);
            int[] train = java.util.Arrays.copyOfRange(order, nTest + nVal, n);
            return new FileTask(data, network.dtMs(), train, validation, test);
        } catch (DataException e) {
            throw new SpecException("task.path: " + e.getMessage(), e);
        }
    }

    /**
     * The checks of a file's shape against the spec that need no data: the time step, and splits
     * that leave at least one validation and one training trial (and one test trial when asked).
     */
    static void checkAgainst(TaskSpec spec, double networkDtMs, TrialShape shape, Path file, List<String> problems) {
        double dt = spec.number(DT_MS);
        if (dt == 0) {
            problems.add("task.dt_ms: required: the time step the trials in " + file + " were made at, in ms"
                    + " (it must equal network.dt_ms, " + num(networkDtMs) + ")");
        } else if (dt != networkDtMs) {
            problems.add("task.dt_ms: " + num(dt) + " differs from network.dt_ms " + num(networkDtMs)
                    + ": the trials in " + file + " step at " + num(dt) + " ms (set network.dt_ms: " + num(dt) + ")");
        }
        int n = shape.trials();
        double testFraction = spec.number(TEST_FRACTION);
        int nTest = (int) Math.round(testFraction * n);
        int nVal = (int) Math.round(spec.number(VAL_FRACTION) * n);
        if (nVal < 1) {
            problems.add("task.val_fraction: " + num(spec.number(VAL_FRACTION)) + " of the " + n + " trials in " + file
                    + " leaves no validation trial");
        }
        if (testFraction > 0 && nTest < 1) {
            problems.add("task.test_fraction: " + num(testFraction) + " of the " + n + " trials in " + file
                    + " leaves no test trial (0 for none)");
        }
        if (n - nTest - nVal < 1) {
            problems.add("task.val_fraction, task.test_fraction: " + num(spec.number(VAL_FRACTION)) + " and "
                    + num(testFraction) + " of the " + n + " trials in " + file + " leave no training trial");
        }
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int inputCount() {
        return data.shape().inputs();
    }

    @Override
    public int outputCount() {
        return data.shape().outputs();
    }

    @Override
    public int steps() {
        return data.shape().steps();
    }

    @Override
    public boolean classification() {
        return data.shape().labels();
    }

    /** Trials in the training, validation and test splits. */
    public int[] splitSizes() {
        return new int[] {train.length, validation.length, test.length};
    }

    /** The file indices of the training, validation and test splits (copies). */
    int[][] splits() {
        return new int[][] {train.clone(), validation.clone(), test.clone()};
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int[] picks = new int[size];
        for (int b = 0; b < size; b++) {
            picks[b] = train[rng.nextInt(train.length)];
        }
        return batch(picks);
    }

    @Override
    public Batch sampleHeldOut(int size, RandomGenerator rng) {
        int[] at = Picks.distinct(validation.length, size, rng);
        int[] picks = new int[size];
        for (int b = 0; b < size; b++) {
            picks[b] = validation[at[b]];
        }
        return batch(picks);
    }

    @Override
    public Optional<TestSet> testSet() {
        if (test.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new TestSet() {
            @Override
            public int size() {
                return test.length;
            }

            @Override
            public Batch batch(int from, int to) {
                if (from < 0 || to > test.length || from >= to) {
                    throw new IndexOutOfBoundsException("test trials [" + from + ", " + to + ") of " + test.length);
                }
                return FileTask.this.batch(java.util.Arrays.copyOfRange(test, from, to));
            }
        });
    }

    /** The trials {@code picks} (file indices) as a time-major batch. */
    Batch batch(int[] picks) {
        TrialShape s = data.shape();
        int steps = s.steps();
        int size = picks.length;
        int nIn = s.inputs();
        int nOut = s.outputs();
        float[] u = new float[steps * size * nIn];
        float[] y = new float[steps * size * nOut];
        float[] m = new float[steps * size * nOut];
        int[] labels = new int[size];
        for (int b = 0; b < size; b++) {
            int trial = picks[b];
            for (int t = 0; t < steps; t++) {
                System.arraycopy(data.inputs(), (trial * steps + t) * nIn, u, (t * size + b) * nIn, nIn);
                System.arraycopy(data.targets(), (trial * steps + t) * nOut, y, (t * size + b) * nOut, nOut);
                System.arraycopy(data.mask(), (trial * steps + t) * nOut, m, (t * size + b) * nOut, nOut);
            }
            labels[b] = data.labels()[trial];
        }
        return new Batch(steps, size, nIn, nOut, u, y, m, labels);
    }

    @Override
    public double score(Batch batch, float[] z) {
        return classification() ? Scoring.meanOverMaskArgmax(batch, z, 0.5) : Scoring.rSquared(batch, z);
    }

    @Override
    public OptionalDouble stepMs() {
        return OptionalDouble.of(dtMs);
    }

    @Override
    public List<String> inputNames() {
        return channels("input", inputCount());
    }

    @Override
    public List<String> outputNames() {
        return channels("output", outputCount());
    }

    private static List<String> channels(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + " " + i);
        }
        return out;
    }
}
