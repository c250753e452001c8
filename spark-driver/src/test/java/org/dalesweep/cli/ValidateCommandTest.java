package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void validFilePrintsRunCountAxesControlsAndResolvedSpecs() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                sweep: demo
                seeds: 2
                base: {network: {units: 16}}
                grid:
                  alpha.init: [0.1, 0.9]
                  network.tau_ratio: [0.5, 2]
                controls: true
                """);
        CommandRun r = CommandRun.of(new ValidateCommand(), f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("runs: 16 (4 grid points x 2 seeds + 8 control runs)"), r.out());
        assertTrue(r.out().contains("alpha.init: 0.1, 0.9"), r.out());
        assertTrue(r.out().contains("network.tau_ratio: 0.5, 2"), r.out());
        assertTrue(r.out().contains("units: 16"), r.out());
        assertTrue(r.out().contains("# run "), r.out());
    }

    @Test
    void invalidFileExitsTwoWithEveryProblemOnStderr() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "sweep: Bad Name\nseeds: 0\ngrid: {alpha.init: [1.5]}\n");
        CommandRun r = CommandRun.of(new ValidateCommand(), f.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("3 problems"), r.err());
        assertTrue(r.err().contains("sweep: must be a name matching"), r.err());
        assertTrue(r.err().contains("seeds: a count must be >= 1, got 0"), r.err());
        assertTrue(r.err().contains("alpha.init: must be in [0, 1], got 1.5"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingFileIsAProblemNotACrash() {
        CommandRun r = CommandRun.of(new ValidateCommand(), dir.resolve("nope.yaml").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cannot read the sweep file"), r.err());
    }
}
