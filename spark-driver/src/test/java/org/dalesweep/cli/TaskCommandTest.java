package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCommandTest {

    @TempDir
    Path dir;

    @Test
    void overridesChangeTheTrialAndThePlotShowsTheTrialsAsked() throws Exception {
        Path png = dir.resolve("trial.png");
        CommandRun run = CommandRun.of(new TaskCommand(), "perceptual_dm", "--set", "task.stimulus_ms=500",
                "--set", "network.dt_ms=10", "--trials", "2", "--plot", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("90 of 10 ms = 900 ms"), run.out());
        assertTrue(run.out().contains("wrote " + png), run.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * 520, image.getWidth(), "one column per trial");
    }

    @Test
    void aBadKeyIsTheStandardSpecMessageWithExitCode2AndNothingWritten() {
        Path png = dir.resolve("never.png");
        CommandRun run = CommandRun.of(new TaskCommand(), "go_nogo", "--set", "task.stimulus=500", "--plot", png.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("dalesweep task: task.stimulus: unknown key for task go_nogo (known: "), run.err());
        assertFalse(Files.exists(png));
    }

    @Test
    void anUnknownTaskAndABadValueAreBadInput() {
        CommandRun unknown = CommandRun.of(new TaskCommand(), "rdm");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("task.name: unknown task 'rdm' (known: perceptual_dm"), unknown.err());
        CommandRun range = CommandRun.of(new TaskCommand(), "adding", "--set", "task.length=1");
        assertEquals(2, range.exitCode());
        assertTrue(range.err().contains("task.length: must be in [2, 100000], got 1"), range.err());
    }

    @Test
    void missingImageDataNamesThePathAndTheCommandThatFetchesIt() {
        CommandRun run = CommandRun.of(new TaskCommand(), "seq_mnist", "--set", "task.data_dir=" + dir.resolve("none"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("task.data_dir: " + dir.resolve("none/train-images-idx3-ubyte.gz") + ": no such file"), run.err());
        assertTrue(run.err().contains("bin/dalesweep get-data"), run.err());
    }

    @Test
    void saveWritesTheTrialsAsATrialFileThatTheFileTaskTrainsOn() throws Exception {
        Path npz = dir.resolve("gonogo.npz");
        CommandRun run = CommandRun.of(new TaskCommand(), "go_nogo", "--trials", "40", "--save", npz.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("--set task.name=file --set task.path=" + npz + " --set task.dt_ms=20"), run.out());
        org.dalesweep.task.TrialShape shape = new org.dalesweep.task.NpzTrials().inspect(npz);
        assertEquals(40, shape.trials());
        assertTrue(shape.mask() && shape.labels(), "go_nogo is a classification: mask and labels");
        CommandRun described = CommandRun.of(new TaskCommand(), "file", "--set", "task.path=" + npz, "--set", "task.dt_ms=20");
        assertEquals(0, described.exitCode(), described.err());
        assertTrue(described.out().contains("percent correct"), described.out());

        CommandRun wrong = CommandRun.of(new TaskCommand(), "go_nogo", "--trials", "40", "--save", dir.resolve("x.csv").toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().startsWith("dalesweep task: --save " + dir.resolve("x.csv") + ": expected a file name ending in .npz"),
                wrong.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }
}
