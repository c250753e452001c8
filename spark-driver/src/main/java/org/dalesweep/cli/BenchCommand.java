package org.dalesweep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.openblas.global.openblas;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.text.TextTable;
import org.dalesweep.train.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep bench}: times training iterations of the reference configuration (perceptual
 * decision, dense, relu, mse, one network-level alpha, float32) for each network size given.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time training iterations (noise, forward, BPTT, clipping, Adam) after warm-up.",
                "Prints median ms/iteration, trials/s and GFLOP/s per configuration."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--units", split = ",", paramLabel = "N", description = "network sizes (default: ${DEFAULT-VALUE})")
    List<Integer> units = new ArrayList<>(List.of(64, 128, 256));

    @Option(names = "--batch", paramLabel = "B", description = "trials per batch (default: ${DEFAULT-VALUE})")
    int batch = 64;

    @Option(names = "--steps", paramLabel = "T", description = "time steps per trial (default: ${DEFAULT-VALUE})")
    int steps = 100;

    @Option(names = "--threads", paramLabel = "K", description = "BLAS threads (default: ${DEFAULT-VALUE}); "
            + "set OMP_NUM_THREADS=K before the JVM starts for ND4J's own pool")
    int threads = 1;

    @Option(names = "--iterations", description = "timed iterations per configuration (default: ${DEFAULT-VALUE})")
    int iterations = 30;

    @Option(names = "--warmup", description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup = 10;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "further spec overrides (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (steps < 10 || batch < 1 || iterations < 1 || warmup < 0 || threads < 1 || units.stream().anyMatch(n -> n < 2)) {
            throw new BadInputException("--steps must be >= 10, --batch, --iterations and --threads >= 1, --warmup >= 0, "
                    + "--units >= 2; got steps " + steps + ", batch " + batch + ", iterations " + iterations
                    + ", threads " + threads + ", warmup " + warmup + ", units " + units);
        }
        openblas.blas_set_num_threads(threads);
        PrintWriter out = commandSpec.commandLine().getOut();
        SpecCodec codec = new SpecCodec();
        TextTable table = new TextTable("N", "B", "T", "ms/iteration", "IQR ms", "trials/s", "GFLOP/s");
        for (int n : units) {
            RunSpec spec = Cli.readSpec(codec, null, referenceSettings(n));
            Benchmark.Timing t = Benchmark.measure(spec, warmup, iterations);
            table.row(t.units(), t.batch(), t.steps(), t.medianMs(),
                    TextTable.number(t.p25Ms()) + "-" + TextTable.number(t.p75Ms()), t.trialsPerSecond(), t.gflops());
            out.printf("N=%d done%n", n);
            out.flush();
        }
        out.printf("%n%s threads=%d, float32, warmup %d, %d timed iterations, median%n", "dalesweep bench:", threads,
                warmup, iterations);
        out.print(table.render());
        out.flush();
        return 0;
    }

    /** The reference's settings: T steps split 10 % fixation, 60 % stimulus, 30 % decision at dt = 20 ms. */
    private List<String> referenceSettings(int n) {
        double dt = 20;
        long fixation = Math.round(0.1 * steps);
        long decision = steps - Math.round(0.7 * steps);
        long stimulus = steps - fixation - decision;
        List<String> s = new ArrayList<>(List.of(
                "network.units=" + n, "network.dt_ms=" + dt, "network.tau_ratio=0.5", "network.phi=relu",
                "network.dale_map=abs", "alpha.granularity=network", "loss.kind=mse",
                "training.batch_size=" + batch, "training.grad_clip=1.0",
                "task.name=perceptual_dm", "task.fixation_ms=" + fixation * dt, "task.stimulus_ms=" + stimulus * dt,
                "task.decision_ms=" + decision * dt));
        s.addAll(overrides);
        return s;
    }
}
