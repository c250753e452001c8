package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's training verbs come from the verbs (cli.TrainsNetworks), through the file the build writes. */
class LauncherVerbsTest {

    @Test
    void theVerbsThatTrainAreTheOnesMarkedSoAndTheBuildWroteThem() throws Exception {
        assertEquals(List.of("train", "run", "refine", "export", "bench"), LauncherVerbs.trainingVerbs());
        Path written = Path.of("target", "training-verbs.txt");
        assertTrue(Files.isRegularFile(written), "the build writes " + written);
        assertEquals(String.join(" ", LauncherVerbs.trainingVerbs()), Files.readString(written, StandardCharsets.UTF_8).strip());
    }

    @Test
    void theLauncherReadsTheListAndHoldsNoCopyOfIt() throws Exception {
        String launcher = Files.readString(Path.of("..", "bin", "dalesweep"), StandardCharsets.UTF_8);
        assertTrue(launcher.contains("training-verbs.txt"), "bin/dalesweep reads the list");
        assertFalse(launcher.matches("(?s).*case \"\\$VERB\" in [a-z|]*train.*"), "no hand-kept list of verbs");
    }
}
