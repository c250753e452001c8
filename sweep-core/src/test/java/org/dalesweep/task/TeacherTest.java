package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dalesweep.model.Spectra;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskParam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TeacherTest {

    private static Teacher teacher(Map<String, Object> changes) throws SpecException {
        return (Teacher) TaskFixtures.task("teacher", changes, 20);
    }

    private static Teacher teacher(Map<String, Object> changes, NetworkSpec network) throws SpecException {
        return (Teacher) Tasks.create(TaskFixtures.spec("teacher", changes), network);
    }

    /** The inputs of trial b as the teacher reads them, {@code u[t][c]}. */
    private static double[][] inputsOf(Batch batch, int b) {
        double[][] u = new double[batch.steps()][batch.inputCount()];
        for (int t = 0; t < batch.steps(); t++) {
            for (int c = 0; c < batch.inputCount(); c++) {
                u[t][c] = batch.input(t, b, c);
            }
        }
        return u;
    }

    /** What the teacher itself outputs on a batch, laid out as network outputs are. */
    private static float[] teacherOutputs(Teacher task, Batch batch) {
        float[] z = new float[batch.steps() * batch.size() * batch.outputCount()];
        for (int b = 0; b < batch.size(); b++) {
            double[][] out = task.teacher().run(inputsOf(batch, b));
            for (int t = 0; t < batch.steps(); t++) {
                for (int k = 0; k < batch.outputCount(); k++) {
                    z[(t * batch.size() + b) * batch.outputCount() + k] = (float) out[t][k];
                }
            }
        }
        return z;
    }

    @Test
    void theTeacherDependsOnTeacherSeedOnlyNotOnTheRunSeed() throws SpecException {
        SpecCodec codec = new SpecCodec();
        RunSpec one = codec.parse("", "test", List.of("task.name=teacher", "seed=1"));
        RunSpec two = codec.parse("", "test", List.of("task.name=teacher", "seed=2"));
        Teacher a = (Teacher) Tasks.create(one.task(), one.network());
        Teacher b = (Teacher) Tasks.create(two.task(), two.network());
        assertArrayEquals(a.teacher().recurrent(), b.teacher().recurrent(), "the same teacher for every run seed");

        Batch first = a.sample(8, new SplittableRandom(1));
        Batch second = b.sample(8, new SplittableRandom(2));
        assertFalse(java.util.Arrays.equals(first.inputs(), second.inputs()), "the trial RNG draws the inputs");
        assertArrayEquals(first.targets(), a.sample(8, new SplittableRandom(1)).targets(), "same trials, same targets");
        assertEquals(1.0, b.score(first, teacherOutputs(b, first)), 1e-12, "b's teacher explains a's targets");

        Teacher other = teacher(Map.of("teacher_seed", 1));
        assertFalse(java.util.Arrays.deepEquals(a.teacher().recurrent(), other.teacher().recurrent()));
    }

    @Test
    void theTeachersOwnOutputScoresOneAndTheTargetsAreCalibrated() throws SpecException {
        Teacher task = teacher(Map.of("target_std", 0.7));
        Batch batch = task.sample(200, new SplittableRandom(3));
        assertEquals(1.0, task.score(batch, teacherOutputs(task, batch)), 0.0);
        assertEquals(0.0, task.score(batch, TaskFixtures.constant(batch, 0f, 0f)), 0.05, "the best constant scores about 0");
        for (int k = 0; k < 2; k++) {
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (int b = 0; b < batch.size(); b++) {
                for (int t = 0; t < batch.steps(); t++) {
                    if (batch.mask(t, b, k) > 0) {
                        sum += batch.target(t, b, k);
                        sumSq += batch.target(t, b, k) * batch.target(t, b, k);
                        n++;
                    }
                }
            }
            double mean = sum / n;
            assertEquals(0, mean, 0.15, "output " + k + " centred");
            assertEquals(0.7, Math.sqrt(sumSq / n - mean * mean), 0.1, "output " + k + " at target_std");
        }
        assertEquals(10, task.washoutSteps());
        for (int b = 0; b < batch.size(); b++) {
            assertEquals(10, TaskFixtures.firstMasked(batch, b), "scored from washout_ms on");
            assertEquals(-1, batch.labels()[b]);
        }
    }

    @ParameterizedTest(name = "daleness {0}")
    @ValueSource(doubles = {0, 0.25, 0.5, 0.8, 1})
    void dalenessIsTheFractionOfSingleSignedColumnsWithMagnitudesAndRadiusMatched(double daleness) throws SpecException {
        Teacher task = teacher(Map.of("teacher_daleness", daleness));
        double[][] w = task.teacher().recurrent();
        int n = w.length;
        assertEquals(32, n);
        assertEquals(Math.round(daleness * n) / (double) n, Spectra.daleness(w), 1e-12);
        assertEquals(1.5, Spectra.spectralRadius(w), 1e-9, "teacher_rho");
        int nE = task.teacher().excitatory();
        assertEquals(26, nE, "round(0.8 * 32), the student's e_fraction");
        for (int j = 0; j < n; j++) {
            int sign = Spectra.columnSign(w, j);
            if (sign != 0) {
                assertEquals(j < nE ? 1 : -1, sign, "single-signed column " + j + " takes its unit's E/I sign");
            }
            assertEquals(0, w[j][j], "no autapse");
        }
        double[][] dale = teacher(Map.of("teacher_daleness", 1.0)).teacher().recurrent();
        double ratio = Math.abs(w[1][0]) / Math.abs(dale[1][0]);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(ratio * Math.abs(dale[i][j]), Math.abs(w[i][j]), 1e-9 * (1 + Math.abs(w[i][j])),
                        "the same magnitudes up to one factor at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void inputsAreOrnsteinUhlenbeckWithTheStationaryStdAndCorrelationAsked() throws SpecException {
        Teacher task = teacher(Map.of("input_std", 0.7, "input_tau_ms", 100.0));
        Batch batch = task.sample(4000, new SplittableRandom(4));
        double decay = Math.exp(-20 / 100.0);
        for (int c = 0; c < 2; c++) {
            for (int t : new int[] {0, 25, 49}) {
                double sum = 0;
                double sumSq = 0;
                double lag = 0;
                for (int b = 0; b < batch.size(); b++) {
                    double x = batch.input(t, b, c);
                    sum += x;
                    sumSq += x * x;
                    if (t > 0) {
                        lag += x * batch.input(t - 1, b, c);
                    }
                }
                int n = batch.size();
                assertEquals(0, sum / n, 0.05, "mean at step " + t);
                assertEquals(0.7, Math.sqrt(sumSq / n), 0.03, "stationary std at step " + t + ", channel " + c);
                if (t > 0) {
                    assertEquals(decay, lag / sumSq, 0.03, "lag-one correlation e^{-dt/tau} at step " + t);
                }
            }
        }
    }

    @Test
    void theTeacherStepsWithTheStudentsIntegratorAndTimeConstants() throws SpecException {
        Batch exact = teacher(Map.of(), TaskFixtures.network("network.integrator=exact")).sample(4, new SplittableRandom(5));
        Batch euler = teacher(Map.of(), TaskFixtures.network("network.integrator=euler")).sample(4, new SplittableRandom(5));
        Batch slowI = teacher(Map.of(), TaskFixtures.network("network.tau_ratio=2")).sample(4, new SplittableRandom(5));
        assertArrayEquals(exact.inputs(), euler.inputs());
        assertFalse(java.util.Arrays.equals(exact.targets(), euler.targets()));
        assertFalse(java.util.Arrays.equals(exact.targets(), slowI.targets()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exact", "euler"})
    void theTeachersStepIsTheStudentsFormula(String integrator) throws SpecException {
        NetworkSpec net = TaskFixtures.network("network.integrator=" + integrator, "network.phi=tanh", "network.tau_ratio=2");
        Teacher task = teacher(Map.of("teacher_units", 5, "inputs", 2, "outputs", 1), net);
        TeacherNetwork t = task.teacher();
        double[][] w = t.recurrent();
        double[][] wIn = t.inputWeights();
        double[][] wOut = t.readoutWeights();
        Batch batch = task.sample(1, new SplittableRandom(6));
        double[][] u = inputsOf(batch, 0);
        int n = w.length;
        double[] v = new double[n];
        for (int step = 0; step < u.length; step++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double h = 0;
                for (int j = 0; j < n; j++) {
                    h += w[i][j] * Math.tanh(v[j]);
                }
                for (int c = 0; c < 2; c++) {
                    h += wIn[i][c] * u[step][c];
                }
                double k = 20 / (i < t.excitatory() ? 100.0 : 200.0);
                next[i] = integrator.equals("exact") ? Math.exp(-k) * v[i] + (1 - Math.exp(-k)) * h : v[i] + k * (-v[i] + h);
            }
            v = next;
            double z = t.readoutBias()[0];
            for (int j = 0; j < n; j++) {
                z += wOut[0][j] * Math.tanh(v[j]);
            }
            if (step >= task.washoutSteps()) {
                assertEquals(z, batch.target(step, 0, 0), 1e-6 * (1 + Math.abs(z)), "step " + step);
            }
        }
    }

    @Test
    void badParametersAreProblemsOfTheirKeys() {
        SpecException washout = assertThrows(SpecException.class,
                () -> teacher(Map.of("washout_ms", 1000.0, "duration_ms", 1000.0)));
        assertTrue(washout.getMessage().startsWith("task.washout_ms: 1000"), washout.getMessage());
        SpecException range = assertThrows(SpecException.class,
                () -> new SpecCodec().parse("", "test", List.of("task.name=teacher", "task.teacher_daleness=1.5")));
        assertTrue(range.getMessage().contains("task.teacher_daleness"), range.getMessage());
        assertTrue(range.getMessage().contains("1.5"), range.getMessage());
        List<String> names = new ArrayList<>(Tasks.byName("teacher").orElseThrow().params().stream().map(TaskParam::key).toList());
        assertTrue(names.containsAll(List.of("teacher_units", "teacher_seed", "teacher_daleness", "inputs", "outputs")), names.toString());
    }
}
