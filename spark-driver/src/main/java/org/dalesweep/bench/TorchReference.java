package org.dalesweep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dalesweep.cli.BadInputException;

/**
 * Runs the PyTorch reference of shared/bench (the same model, written as a strong PyTorch user
 * would) as a subprocess and reads its median ms/iteration. Its allocator setting follows the
 * reference's README, so the bar is the reference at its best.
 */
final class TorchReference {
    private static final String GLIBC_TUNABLES =
            "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967295";

    private final Path python;
    private final Path script;

    TorchReference(Path python, Path script) throws BadInputException {
        if (!Files.isExecutable(python)) {
            throw new BadInputException("--python " + python + ": not an executable (install Debian's python3-torch: "
                    + "apt-get install -y python3-torch libopenblas0-pthread)");
        }
        if (!Files.isRegularFile(script)) {
            throw new BadInputException("--reference " + script + ": no such file (the PyTorch reference, "
                    + "shared/bench/torch_ei_rnn_bench.py beside the checkout)");
        }
        this.python = python;
        this.script = script;
    }

    /** Median wall ms per iteration of the reference at one configuration. */
    double msPerIteration(int units, int batch, int steps, int threads, int warmup, int iterations)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(python.toString(), script.toString(),
                "--N", Integer.toString(units), "--B", Integer.toString(batch), "--T", Integer.toString(steps),
                "--threads", Integer.toString(threads), "--warmup", Integer.toString(warmup),
                "--steps", Integer.toString(iterations)));
        pb.environment().put("GLIBC_TUNABLES", GLIBC_TUNABLES);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("the PyTorch reference failed (exit " + (p.isAlive() ? "timeout" : p.exitValue())
                    + "): " + out.strip());
        }
        int start = out.indexOf('{');
        if (start < 0) {
            throw new IOException("the PyTorch reference printed no JSON: " + out.strip());
        }
        JsonNode json = new ObjectMapper().readTree(out.substring(start));
        JsonNode ms = json.get("ms_per_iteration");
        if (ms == null || !ms.isNumber()) {
            throw new IOException("the PyTorch reference's JSON has no ms_per_iteration: " + out.strip());
        }
        return ms.asDouble();
    }
}
