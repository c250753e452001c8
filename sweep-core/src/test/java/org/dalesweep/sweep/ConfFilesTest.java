package org.dalesweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dalesweep.spec.Arm;
import org.dalesweep.spec.SpecCodec;
import org.junit.jupiter.api.Test;

/** The shipped sweep files are valid and their headers tell the truth about their size. */
class ConfFilesTest {

    private static final Path CONF = Path.of("..", "conf");

    private static SweepPlan load(String name) throws Exception {
        Path file = CONF.resolve(name);
        return new SweepLoader(new SpecCodec()).load(Files.readString(file), file.toString(), List.of());
    }

    @Test
    void everyShippedSweepHasTheRunCountItsHeaderStates() throws Exception {
        Map<String, Integer> stated = Map.of("smoke.yaml", 36, "calibration.yaml", 72, "study.yaml", 3456, "li2023.yaml", 15,
                "price-calibration.yaml", 24);
        for (Map.Entry<String, Integer> e : stated.entrySet()) {
            SweepPlan plan = load(e.getKey());
            assertEquals(e.getValue(), plan.runs().size(), e.getKey());
            String text = Files.readString(CONF.resolve(e.getKey()));
            Matcher m = Pattern.compile("(\\d[\\d,]*) runs").matcher(text);
            boolean found = false;
            while (m.find()) {
                found |= Integer.parseInt(m.group(1).replace(",", "")) == plan.runs().size();
            }
            assertTrue(found, e.getKey() + ": its header names its " + plan.runs().size() + " runs");
        }
    }

    @Test
    void theSmokeAndCalibrationSweepsCarryAllThreeArms() throws Exception {
        for (String name : List.of("smoke.yaml", "calibration.yaml", "study.yaml")) {
            SweepPlan plan = load(name);
            for (Arm arm : Arm.values()) {
                assertTrue(plan.runs().stream().anyMatch(r -> r.spec().arm() == arm), name + " has " + arm + " runs");
            }
        }
    }
}
