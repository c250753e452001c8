package org.dalesweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pressure measure on a case whose answer is known (DESIGN §4.2, §3): a student frozen at
 * alpha = 1 (pure Dale) learning a teacher whose columns are all sign-mixed (teacher_daleness 0)
 * would lower its loss by letting free weights in, so its pressure must point toward free:
 * negative, and clearly (|t| > 3), on each of a few seeds, at the defaults (64 units, 1,000
 * iterations).
 */
class TeacherKnownAnswerTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aPureDaleStudentOfANonDaleTeacherFeelsPressureTowardFree(long seed) throws SpecException {
        RunSpec spec = new SpecCodec().parse("", "test", List.of("seed=" + seed, "task.name=teacher",
                "task.teacher_daleness=0", "alpha.init=1", "alpha.trainable=false"));
        RunResult r = new Trainer(TrainOptions.DEFAULT).train(spec);
        assertEquals(RunStatus.COMPLETED, r.ending().status(), r.ending().message());
        PressureSummary p = r.pressure();
        assertTrue(p.mean() < 0 && p.t() < -3, "seed " + seed + ": pressure " + p);
        assertTrue(r.scores().accuracy() > 0.8, "the student learns the teacher: R² " + r.scores().accuracy());
    }
}
