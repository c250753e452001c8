package org.dalesweep.task.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One split of an image classification data set: images and their labels, read from a directory
 * holding the standard IDX names ({@code train-…} / {@code t10k-…}, plain or {@code .gz}), checked
 * against each other (same count, labels below the class count).
 */
public record LabelledImages(Images images, byte[] labels) {

    /** The two splits in the standard file names. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        /** Standard file name of this split's images, gzipped. */
        public String imagesFile() {
            return prefix + "-images-idx3-ubyte.gz";
        }

        /** Standard file name of this split's labels, gzipped. */
        public String labelsFile() {
            return prefix + "-labels-idx1-ubyte.gz";
        }
    }

    /** The command that puts the data sets in place, for messages. */
    public static final String FETCH_COMMAND = "bin/dalesweep get-data";

    public LabelledImages {
        if (labels.length != images.count()) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
        }
    }

    public int count() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /**
     * Reads a split from {@code dir}, taking {@code name.gz} or plain {@code name}, and checks that
     * images and labels agree and every label is below {@code classes}.
     */
    public static LabelledImages read(Path dir, Split split, int classes) throws DataException {
        Path imagesPath = locate(dir, split.imagesFile());
        Path labelsPath = locate(dir, split.labelsFile());
        Images images = Idx.readImages(imagesPath);
        byte[] labels = Idx.readLabels(labelsPath);
        if (images.count() != labels.length) {
            throw new DataException(imagesPath + " has " + images.count() + " images but " + labelsPath + " has "
                    + labels.length + " labels; run `" + FETCH_COMMAND + "` to fetch them again");
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) >= classes) {
                throw new DataException(labelsPath + ": label " + (labels[i] & 0xff) + " of item " + i
                        + " is not one of the " + classes + " classes");
            }
        }
        return new LabelledImages(images, labels);
    }

    /** The path of a standard file in {@code dir}: {@code gzName} if present, else its plain form. */
    static Path locate(Path dir, String gzName) throws DataException {
        Path gz = dir.resolve(gzName);
        Path plain = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        Optional<Path> found = Files.isRegularFile(gz) ? Optional.of(gz)
                : Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
        return found.orElseThrow(() -> new DataException(gz + ": no such file (nor " + plain.getFileName()
                + "); run `" + FETCH_COMMAND + "` to put MNIST and Fashion-MNIST in place"));
    }
}
