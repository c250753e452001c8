package org.dalesweep.task.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.TaskSpec;
import org.dalesweep.task.Batch;
import org.dalesweep.task.Task;
import org.dalesweep.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialPlotTest {

    /** The default network (dt 20 ms). */
    private static final NetworkSpec NETWORK = NetworkSpec.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void drawsOneColumnPerTrialAndOneRowPerChannelGroupPlusTargetAndMask() throws Exception {
        Task task = Tasks.create(TaskSpec.defaults("context_dm"), NETWORK);
        Batch b = task.sample(5, new SplittableRandom(1));
        Path png = dir.resolve("plots/context.png");
        TrialPlot.write(task, b, 2, "context_dm", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * 520, image.getWidth());
        assertEquals(40 + (task.inputGroups().size() + 2) * 210, image.getHeight());
        int dark = 0;
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                dark += ((rgb >> 16) & 0xff) < 100 ? 1 : 0;
            }
        }
        assertTrue(dark > 1000, "the panels are drawn, not blank: " + dark);
    }

    @Test
    void describesTheAnswerOfEachTrialInTheOutputsWords() throws Exception {
        Task go = Tasks.create(TaskSpec.defaults("go_nogo"), NETWORK);
        Batch b = go.sample(4, new SplittableRandom(3));
        for (int trial = 0; trial < 4; trial++) {
            assertEquals("answer: " + (b.labels()[trial] == 1 ? "go" : "hold"), TrialPlot.describe(go, b, trial));
        }
        Task adding = Tasks.create(TaskSpec.defaults("adding"), NETWORK);
        Batch a = adding.sample(1, new SplittableRandom(3));
        assertEquals(String.format("target %.3f at the last step", a.target(a.steps() - 1, 0, 0)), TrialPlot.describe(adding, a, 0));
    }
}
