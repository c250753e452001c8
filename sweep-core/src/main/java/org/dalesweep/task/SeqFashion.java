package org.dalesweep.task;

import java.util.List;

/**
 * Row-wise sequential Fashion-MNIST ({@link SeqImages}): 60,000 train / 10,000 test images of
 * clothing from the Debian package {@code dataset-fashion-mnist}, put in place by
 * {@code dalesweep get-data}, in the standard IDX files under {@code task.data_dir}.
 */
public final class SeqFashion {

    /** The output names: Fashion-MNIST's ten classes, in label order. */
    static final List<String> CLASSES = List.of("T-shirt/top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");

    public static final TaskDefinition DEFINITION = SeqImages.definition("seq_fashion",
            "row-wise sequential Fashion-MNIST: 28 rows of 28 pixels, name the garment at the last row",
            "data/fashion-mnist", CLASSES);

    private SeqFashion() {
    }
}
