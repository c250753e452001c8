package org.dalesweep.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.openblas.global.openblas;
import org.dalesweep.cli.BadInputException;
import org.dalesweep.cli.Cli;
import org.dalesweep.cli.TrainsNetworks;
import org.dalesweep.linalg.BlasLibrary;
import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.linalg.VectorWidth;
import org.dalesweep.model.NormalSampler;
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
public final class BenchCommand implements Callable<Integer>, TrainsNetworks {

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

    @Option(names = "--configs", split = ",", paramLabel = "NxBxT",
            description = "configurations as units x batch x steps, e.g. 64x32x100,128x64x100 (instead of --units/--batch/--steps)")
    List<String> configs = new ArrayList<>();

    @Option(names = "--vs-torch", description = "also time the PyTorch reference on the same configurations, interleaved "
            + "(ours, reference, ours, ...), and report the ratio; default configurations 64x32x100,128x64x100,256x64x100,512x128x50")
    boolean vsTorch;

    @Option(names = "--rounds", description = "with --vs-torch or --ensemble: interleaved rounds per configuration "
            + "(default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--python", description = "with --vs-torch: the interpreter that has torch (default: ${DEFAULT-VALUE})")
    Path python = Path.of("/usr/bin/python3");

    @Option(names = "--reference", description = "with --vs-torch: the PyTorch reference script (default: ${DEFAULT-VALUE})")
    Path reference = Path.of("../shared/bench/torch_ei_rnn_bench.py");

    @Option(names = "--no-memory", description = "skip the peak resident memory of each configuration "
            + "(measured in a fresh child JVM per configuration)")
    boolean noMemory;

    @Option(names = "--memory-probe", hidden = true,
            description = "internal: time one configuration briefly and print its resident memory (the child JVM's side)")
    boolean memoryProbe;

    @Option(names = "--sweep", description = "time equal runs sequentially in this JVM, then as a sweep on Spark "
            + "(local[--slots]), and report parallel efficiency, Spark start-up and per-task overhead; "
            + "the runs: " + SweepBench.BASE_TEXT + ", then --set")
    boolean sweep;

    @Option(names = "--ensemble", split = ",", paramLabel = "K",
            description = "time K runs of one shape stepped together (ms per run-iteration), for each K given, "
                    + "interleaved round by round with the solo step (K = 1), e.g. --ensemble 2,4,8,16; "
                    + "with --sweep: run the Spark sweep with --ensemble K (one K)")
    List<Integer> ensemble = new ArrayList<>();

    @Option(names = "--runs", description = "with --sweep: equal runs (seeds 1..R) (default: ${DEFAULT-VALUE})")
    int runs = 8;

    @Option(names = "--slots", description = "with --sweep: Spark local slots, master local[K] (default: ${DEFAULT-VALUE})")
    int slots = 2;

    /** One configuration to time. */
    private record Config(int units, int batch, int steps) {
    }

    private List<Config> configurations() throws BadInputException {
        List<String> given = configs.isEmpty() && vsTorch
                ? List.of("64x32x100", "128x64x100", "256x64x100", "512x128x50") : configs;
        if (given.isEmpty()) {
            return units.stream().map(n -> new Config(n, batch, steps)).toList();
        }
        List<Config> out = new ArrayList<>();
        for (String c : given) {
            String[] p = c.trim().split("x");
            try {
                if (p.length != 3) {
                    throw new NumberFormatException();
                }
                out.add(new Config(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
            } catch (NumberFormatException e) {
                throw new BadInputException("--configs: '" + c + "' is not units x batch x steps, e.g. 128x64x100", e);
            }
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        if (sweep) {
            if (vsTorch || memoryProbe || !configs.isEmpty()) {
                throw new BadInputException("--sweep times whole runs and takes no --vs-torch, --configs or --memory-probe");
            }
            if (runs < 1 || slots < 1) {
                throw new BadInputException("--sweep needs --runs >= 1 and --slots >= 1; got --runs " + runs
                        + ", --slots " + slots);
            }
            if (ensemble.size() > 1 || ensemble.stream().anyMatch(k -> k < 1)) {
                throw new BadInputException("--sweep takes one --ensemble K >= 1, got " + ensemble);
            }
            openblas.blas_set_num_threads(1);
            new SweepBench(runs, slots, ensemble.isEmpty() ? 0 : ensemble.get(0), overrides,
                    commandSpec.commandLine().getOut()).run();
            return 0;
        }
        List<Config> all = configurations();
        if (iterations < 1 || warmup < 0 || threads < 1 || rounds < 1
                || all.stream().anyMatch(c -> c.steps() < 10 || c.batch() < 1 || c.units() < 2)) {
            throw new BadInputException("steps must be >= 10, batch, --iterations, --rounds and --threads >= 1, "
                    + "--warmup >= 0, units >= 2; got " + all + ", iterations " + iterations + ", rounds " + rounds
                    + ", threads " + threads + ", warmup " + warmup);
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        SpecCodec codec = new SpecCodec();
        if (memoryProbe) {
            return probeMemory(all, codec, out);
        }
        if (!ensemble.isEmpty()) {
            if (vsTorch || ensemble.stream().anyMatch(k -> k < 1)) {
                throw new BadInputException("--ensemble takes sizes K >= 1 and no --vs-torch, got " + ensemble);
            }
            openblas.blas_set_num_threads(threads);
            return timeEnsembles(all, codec, out);
        }
        TorchReference torch = vsTorch ? new TorchReference(python, reference) : null;
        openblas.blas_set_num_threads(threads);
        boolean memory = !noMemory && ResidentMemory.available();
        if (torch == null) {
            TextTable table = new TextTable(withMemory(memory, "N", "B", "T", "ms/iteration", "IQR ms", "trials/s",
                    "GFLOP/s", "products ms"));
            for (Config c : all) {
                Benchmark.Timing t = Benchmark.measure(Cli.readSpec(codec, null, referenceSettings(c)), warmup, iterations);
                List<Object> row = new ArrayList<>(List.of(t.units(), t.batch(), t.steps(), t.medianMs(),
                        TextTable.number(t.p25Ms()) + "-" + TextTable.number(t.p75Ms()), t.trialsPerSecond(), t.gflops(),
                        t.productsMs()));
                addMemory(memory, c, row);
                table.row(row.toArray());
                out.printf("timed N=%d B=%d T=%d%n", c.units(), c.batch(), c.steps());
                out.flush();
            }
            out.printf("%ndalesweep bench: threads=%d, float32, warmup %d, %d timed iterations, median%n", threads,
                    warmup, iterations);
            printTable(out, table, memory);
            return 0;
        }
        double peak = PeakGemm.gflops(1024, 5);
        out.printf("peak single-precision GEMM (1024^3, OpenBLAS, %d thread(s)): %.1f GFLOP/s%n", threads, peak);
        TextTable table = new TextTable(withMemory(memory, "N", "B", "T", "ours ms/it", "torch ms/it", "torch/ours",
                "ours GFLOP/s", "of peak", "torch GFLOP/s", "products ms", "torch/products"));
        for (Config c : all) {
            RunSpec spec = Cli.readSpec(codec, null, referenceSettings(c));
            double[] ours = new double[rounds];
            double[] ref = new double[rounds];
            double[] products = new double[rounds];
            double flops = 0;
            for (int r = 0; r < rounds; r++) {
                Benchmark.Timing t = Benchmark.measure(spec, warmup, iterations);
                ours[r] = t.medianMs();
                products[r] = t.productsMs();
                flops = t.flopsPerIteration();
                ref[r] = torch.msPerIteration(c.units(), c.batch(), c.steps(), threads, warmup, iterations);
                out.printf("N=%d B=%d T=%d round %d: ours %.2f ms, torch %.2f ms%n", c.units(), c.batch(), c.steps(),
                        r + 1, ours[r], ref[r]);
                out.flush();
            }
            double o = median(ours);
            double t = median(ref);
            double p = median(products);
            double gflops = flops / (o / 1e3) / 1e9;
            List<Object> row = new ArrayList<>(List.of(c.units(), c.batch(), c.steps(), o, t, t / o, gflops,
                    String.format("%.0f%%", 100 * gflops / peak), flops / (t / 1e3) / 1e9, p, t / p));
            addMemory(memory, c, row);
            table.row(row.toArray());
        }
        out.printf("%ndalesweep bench --vs-torch: %d thread(s), float32, warmup %d, %d timed iterations, median of %d "
                + "interleaved rounds; torch/ours > 1 means dalesweep is faster%n", threads, warmup, iterations, rounds);
        printTable(out, table, memory);
        return 0;
    }

    /**
     * {@code --ensemble}: per configuration and round, the solo step (K = 1) and then each K, each
     * the median ms per run-iteration of {@code --iterations} timed iterations; the table gives the
     * median over rounds, the median of the rounds' solo/ensemble ratios, and the share of the
     * peak GEMM rate the ensemble reaches.
     */
    private int timeEnsembles(List<Config> all, SpecCodec codec, PrintWriter out) throws Exception {
        List<Integer> sizes = new ArrayList<>(List.of(1));
        ensemble.stream().filter(k -> !sizes.contains(k)).forEach(sizes::add);
        double peak = PeakGemm.gflops(1024, 5);
        out.printf("peak single-precision GEMM (1024^3, OpenBLAS, %d thread(s)): %.1f GFLOP/s%n", threads, peak);
        TextTable table = new TextTable("N", "B", "T", "K", "ms/run-iteration", "solo ms/iteration", "solo/ensemble",
                "GFLOP/s", "of peak", "products ms", "rest ms");
        double fmaPeak = VectorGemm.usable() ? VectorGemm.fmaPeakGflops() : Double.NaN;
        List<String> ceilings = new ArrayList<>();
        for (Config c : all) {
            RunSpec spec = Cli.readSpec(codec, null, referenceSettings(c));
            // JIT warm-up, untimed: the solo step (OpenBLAS) and an ensemble's (the vector products) each
            // compile their own code, and a path first met in round 1 would be timed while it compiles
            for (int k : List.of(1, sizes.get(sizes.size() - 1))) {
                Benchmark.ensembleMsPerRun(spec, k, warmup, iterations);
            }
            double[][] ms = new double[sizes.size()][rounds];
            double[][] products = new double[sizes.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < sizes.size(); i++) {
                    Benchmark.EnsembleTiming t = Benchmark.ensembleMsPerRun(spec, sizes.get(i), warmup, iterations);
                    ms[i][r] = t.msPerRun();
                    products[i][r] = t.productsMs();
                    out.printf("N=%d B=%d T=%d round %d K=%d: %.3f ms per run-iteration%n", c.units(), c.batch(),
                            c.steps(), r + 1, sizes.get(i), ms[i][r]);
                    out.flush();
                }
            }
            org.dalesweep.task.Task task = org.dalesweep.task.Tasks.create(spec.task(), spec.network());
            double flops = Benchmark.flopsPerIteration(c.units(), c.batch(), c.steps(), task.inputCount(),
                    task.outputCount());
            for (int i = 0; i < sizes.size(); i++) {
                double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratio[r] = ms[0][r] / ms[i][r];
                }
                double m = median(ms[i]);
                double p = median(products[i]);
                double rest = m - p;
                double gflops = flops / (m / 1e3) / 1e9;
                table.row(c.units(), c.batch(), c.steps(), sizes.get(i), m, median(ms[0]), median(ratio), gflops,
                        String.format("%.0f%%", 100 * gflops / peak), p, rest);
                if (i == 1 && !Double.isNaN(fmaPeak)) {
                    double atPeak = flops / (fmaPeak * 1e9) * 1e3;
                    ceilings.add(String.format("N=%d B=%d T=%d: with its products (%.1f MFLOP) at the FMA rate, %.3f ms, "
                            + "and the rest as measured at K = %d, %.3f ms, an ensemble's step would take %.3f ms: "
                            + "solo/ensemble at most %.2f", c.units(), c.batch(), c.steps(), flops / 1e6, atPeak,
                            sizes.get(i), rest, atPeak + rest, median(ms[0]) / (atPeak + rest)));
                }
            }
        }
        out.printf("%ndalesweep bench --ensemble: %d thread(s), float32, warmup %d, %d timed iterations, median of %d "
                + "interleaved rounds (solo, then each K, every round); solo/ensemble > 1 means the ensemble is "
                + "faster per run%n", threads, warmup, iterations, rounds);
        printTable(out, table, false, false);
        out.println("products ms: one run's matrix products alone (OpenBLAS for K = 1, the vector kernel for K >= 2), "
                + "median of repeats after the timed iterations; rest ms: the step's other work (noise, element-wise "
                + "passes, losses, optimiser), the same code whatever K. solo/ensemble can be at most "
                + "(solo products + rest) / (ensemble products + rest)");
        if (!Double.isNaN(fmaPeak)) {
            out.printf("vector FMA rate of this core (%d-bit, registers only, 1 thread): %.1f GFLOP/s, the ceiling of any "
                    + "product here%n", VectorWidth.BITS, fmaPeak);
            ceilings.forEach(out::println);
        }
        return 0;
    }

    /** The library and noise kernel that did the work, the table, and what its columns measure. */
    private static void printTable(PrintWriter out, TextTable table, boolean memory) {
        printTable(out, table, memory, true);
    }

    private static void printTable(PrintWriter out, TextTable table, boolean memory, boolean products) {
        out.println(BlasLibrary.describe());
        out.println(noiseKernel());
        out.print(table.render());
        if (products) {
            printProductsNote(out);
        }
        printMemoryMethod(memory, out);
        out.flush();
    }

    /** What the products column measures. */
    private static void printProductsNote(PrintWriter out) {
        out.println("products ms: the iteration's matrix products alone (same calls, no element-wise work), median of "
                + "repeats after the timed iterations: the floor this BLAS sets; torch/products is the most torch/ours "
                + "could reach with it");
    }

    private static String[] withMemory(boolean memory, String... columns) {
        if (!memory) {
            return columns;
        }
        List<String> all = new ArrayList<>(List.of(columns));
        all.addAll(List.of("peak RSS MB", "run MB", "BPTT MB"));
        return all.toArray(String[]::new);
    }

    /** Appends the configuration's peak resident memory, measured in a child JVM, to a table row. */
    private void addMemory(boolean memory, Config c, List<Object> row) throws java.io.IOException, InterruptedException {
        if (!memory) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("bench", "--memory-probe",
                "--configs", c.units() + "x" + c.batch() + "x" + c.steps(), "--threads", Integer.toString(threads),
                "--warmup", "2", "--iterations", "3"));
        overrides.forEach(o -> args.addAll(List.of("--set", o)));
        ResidentMemory.Probe p = ResidentMemory.probe(args);
        row.add(p.peakKb() / 1024.0);
        row.add(p.runKb() / 1024.0);
        row.add(p.trajectoryBytes() / (1024.0 * 1024.0));
    }

    private static void printMemoryMethod(boolean memory, PrintWriter out) {
        if (memory) {
            out.println("memory: each configuration again in a fresh child JVM (same JVM options, 2 + 3 iterations): "
                    + "peak RSS = its VmHWM; run = VmHWM minus its VmRSS once BLAS was loaded, before the network "
                    + "existed; BPTT = the per-step buffers (inputs, drive, rates, outputs of one batch) the network "
                    + "holds for BPTT, reused across iterations");
        } else {
            out.println("memory: not measured (--no-memory, or no /proc/self/status on this system)");
        }
    }

    /** The child JVM's side of {@link #addMemory}: one configuration, briefly, then its resident memory. */
    private int probeMemory(List<Config> all, SpecCodec codec, PrintWriter out) throws Exception {
        if (all.size() != 1) {
            throw new BadInputException("--memory-probe takes exactly one configuration, got " + all);
        }
        openblas.blas_set_num_threads(threads);
        RunSpec spec = Cli.readSpec(codec, null, referenceSettings(all.get(0)));
        java.util.OptionalLong idle = ResidentMemory.kilobytes("VmRSS");
        Benchmark.Timing t = Benchmark.measure(spec, warmup, iterations);
        java.util.OptionalLong peak = ResidentMemory.kilobytes("VmHWM");
        if (idle.isEmpty() || peak.isEmpty()) {
            throw new BadInputException("--memory-probe needs /proc/self/status (Linux)");
        }
        out.printf("%s idle_kb=%d peak_kb=%d trajectory_bytes=%d%n", ResidentMemory.PROBE_LINE, idle.getAsLong(),
                peak.getAsLong(), t.trajectoryBytes());
        out.flush();
        return 0;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * The reference's settings: dt 10 ms, tau_E 100 ms, tau_I/tau_E 0.5, sigma_rec 0.05, relu, mse,
     * one network-level alpha, T steps split 10 % fixation, 60 % stimulus, 30 % decision.
     */
    private List<String> referenceSettings(Config c) {
        int n = c.units();
        int steps = c.steps();
        int batch = c.batch();
        double dt = 10;
        long fixation = Math.round(0.1 * steps);
        long decision = steps - Math.round(0.7 * steps);
        long stimulus = steps - fixation - decision;
        List<String> s = new ArrayList<>(List.of(
                "network.units=" + n, "network.dt_ms=" + dt, "network.tau_e_ms=100", "network.tau_ratio=0.5",
                "network.sigma_rec=0.05", "network.phi=relu",
                "network.dale_map=abs", "alpha.granularity=network", "loss.kind=mse",
                "training.batch_size=" + batch, "training.grad_clip=1.0",
                "task.name=perceptual_dm", "task.fixation_ms=" + fixation * dt, "task.stimulus_ms=" + stimulus * dt,
                "task.decision_ms=" + decision * dt));
        s.addAll(overrides);
        return s;
    }

    /** Which kernel draws the recurrent noise: with the scalar one (same bits) a step is slower ({@code bench/RESULTS.md}). */
    private static String noiseKernel() {
        return "noise: " + new NormalSampler().kernelDescription();
    }
}
