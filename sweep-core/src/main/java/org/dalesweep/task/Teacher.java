package org.dalesweep.task;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * A task with a known answer (teacher-student): reproduce the outputs of a fixed random rate
 * network, the teacher ({@link TeacherNetwork}), driven by the same smooth random inputs. The
 * teacher's recurrent matrix is single-signed with the network's E/I split in a chosen fraction of
 * its columns ({@code teacher_daleness}) and sign-mixed in the others, with the same magnitudes and
 * spectral radius whatever that fraction, so a sweep over it asks whether a Dale student does better
 * on a Dale teacher.
 *
 * <p>Conventions:
 * <ul>
 *   <li>The teacher is built from {@code teacher_seed} alone, so every run seed faces the same
 *   teacher; the run's trial RNG draws only the inputs. It steps exactly as the student does: the
 *   student's tau_E, tau_ratio, dt, phi, e_fraction and integrator ({@code exact} or {@code euler}),
 *   {@code v_0 = 0}, no recurrent noise, no biases; a student with at least {@code teacher_units}
 *   units can therefore represent it exactly (a Dale teacher even at alpha 1).</li>
 *   <li>Inputs: {@code inputs} channels, each an independent stationary Ornstein-Uhlenbeck process
 *   ({@link OuProcess}) of std {@code input_std} and time constant {@code input_tau_ms} (default
 *   100 ms = tau_E: smooth at the network's own time scale), discretised exactly at dt.</li>
 *   <li>Scales (defaults): teacher spectral radius 1.5, the student's default {@code rho0} (pycog's
 *   ρ0); W_in is N(0, 1/inputs), so each unit's input drive has about the inputs' std. The readout
 *   is calibrated once, on 64 trials drawn from the teacher's own RNG after its weights: every
 *   output has mean 0 and std {@code target_std} over the scored steps, so losses are comparable
 *   across teachers. With ReLU, the E/I-balanced teacher stays stable and its outputs neither
 *   saturate nor die out from 0.8 to 3 (drawn with {@code dalesweep task teacher --plot}); a 64-unit
 *   student with the default training reached R² 0.97 at alpha frozen at 0 and at 1 for every
 *   radius from 0.8 to 1.5 (0.96 at 2), and for a 64-unit teacher at 1.5 (seed 11).</li>
 *   <li>Targets: the teacher's outputs at every step from {@code washout_ms} on (default 200 ms = two
 *   tau_E, the response to the start from rest), which is also the mask. Labels are -1 (not a
 *   classification; cross-entropy does not apply). MSE loss.</li>
 *   <li>Score: R² over the masked steps and outputs ({@link Scoring#rSquared}): 1 for the teacher
 *   itself, 0 for the best constant.</li>
 * </ul>
 */
public final class Teacher implements Task {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "teacher",
            "teacher-student: reproduce a fixed random E/I rate network's outputs under smooth random inputs (R²)",
            false,
            List.of(
                    TaskParam.integer("teacher_units", 32, "units of the teacher network", 3, 4096),
                    TaskParam.integer("teacher_seed", 0, "seed of the teacher's weights (the same teacher for every run seed)",
                            0, Integer.MAX_VALUE),
                    TaskParam.number("teacher_daleness", 1.0,
                            "fraction of the teacher's columns single-signed with the E/I split; the others sign-mixed", 0, 1),
                    TaskParam.number("teacher_rho", 1.5, "spectral radius of the teacher's recurrent matrix", 0.01, 100),
                    TaskParam.integer("inputs", 2, "input channels, each an Ornstein-Uhlenbeck process", 1, 1024),
                    TaskParam.integer("outputs", 2, "output channels (teacher readouts)", 1, 1024),
                    TaskParam.number("input_std", 1.0, "stationary standard deviation of each input", 1e-6, 1e6),
                    TaskParam.number("input_tau_ms", 100, "time constant of the input processes, ms", 1e-3, 1e6),
                    TaskParam.number("duration_ms", 1000, "trial length, ms", 1, 1e6),
                    TaskParam.number("washout_ms", 200, "unscored start of each trial, ms", 0, 1e6),
                    TaskParam.number("target_std", 0.5, "standard deviation of each calibrated teacher output", 1e-6, 1e6)),
            Teacher::new);

    /** Trials the readout is calibrated on, drawn from the teacher's RNG after its weights. */
    static final int CALIBRATION_TRIALS = 64;

    private final double dtMs;
    private final int inputs;
    private final int outputs;
    private final int steps;
    private final int washout;
    private final OuProcess input;
    private final TeacherNetwork teacher;

    public Teacher(TaskSpec spec, NetworkSpec network) throws SpecException {
        this.dtMs = network.dtMs();
        this.inputs = spec.integer("inputs");
        this.outputs = spec.integer("outputs");
        this.steps = Timing.steps(spec.number("duration_ms"), dtMs);
        this.washout = Timing.steps(spec.number("washout_ms"), dtMs);
        if (steps < 1) {
            throw new SpecException("task.duration_ms: " + spec.number("duration_ms") + " is less than one step of "
                    + dtMs + " ms");
        }
        if (washout >= steps) {
            throw new SpecException("task.washout_ms: " + spec.number("washout_ms")
                    + " leaves no step to score; it must be shorter than task.duration_ms (" + spec.number("duration_ms") + ")");
        }
        this.input = OuProcess.of(spec.number("input_std"), spec.number("input_tau_ms"), dtMs);
        SplittableRandom rng = new SplittableRandom(spec.integer("teacher_seed"));
        double rho = spec.number("teacher_rho");
        TeacherNetwork raw = TeacherNetwork.random(spec.integer("teacher_units"), inputs, outputs,
                spec.number("teacher_daleness"), rho, network, rng);
        List<double[][]> calibration = new ArrayList<>();
        for (int c = 0; c < CALIBRATION_TRIALS; c++) {
            calibration.add(inputs(rng));
        }
        try {
            this.teacher = raw.calibrated(calibration, washout, spec.number("target_std"));
        } catch (TeacherNetwork.Unsuitable e) {
            throw new SpecException("task.teacher_rho: the teacher at teacher_rho = " + rho + " (phi " + network.phi()
                    + ", input_std " + spec.number("input_std") + ") cannot serve: " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return DEFINITION.name();
    }

    @Override
    public int inputCount() {
        return inputs;
    }

    @Override
    public int outputCount() {
        return outputs;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public boolean classification() {
        return false;
    }

    @Override
    public OptionalDouble stepMs() {
        return OptionalDouble.of(dtMs);
    }

    @Override
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= inputs; c++) {
            names.add("input " + c);
        }
        return names;
    }

    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= outputs; k++) {
            names.add("teacher " + k);
        }
        return names;
    }

    /** The teacher (package-private, for tests). */
    TeacherNetwork teacher() {
        return teacher;
    }

    /** First scored step. */
    int washoutSteps() {
        return washout;
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        TrialBuffer buf = new TrialBuffer(steps, size, inputs, outputs);
        for (int b = 0; b < size; b++) {
            double[][] u = inputs(rng);
            double[][] z = teacher.run(u);
            for (int t = 0; t < steps; t++) {
                for (int c = 0; c < inputs; c++) {
                    buf.input(t, b, c, u[t][c]);
                }
                if (t >= washout) {
                    for (int k = 0; k < outputs; k++) {
                        buf.target(t, b, k, z[t][k]);
                    }
                }
            }
            buf.label(b, -1);
        }
        return buf.build();
    }

    /** One trial's inputs {@code u[t][c]}: a path of the input process per channel. */
    private double[][] inputs(RandomGenerator rng) {
        double[][] u = new double[steps][inputs];
        double[] path = new double[steps];
        for (int c = 0; c < inputs; c++) {
            input.path(path, steps, rng);
            for (int t = 0; t < steps; t++) {
                u[t][c] = (float) path[t]; // the teacher sees exactly the student's (float) inputs
            }
        }
        return u;
    }

    @Override
    public double score(Batch batch, float[] z) {
        return Scoring.rSquared(batch, z);
    }
}
