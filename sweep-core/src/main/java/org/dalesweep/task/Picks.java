package org.dalesweep.task;

import java.util.random.RandomGenerator;

/** Draws of trial indices shared by the data-backed tasks. */
final class Picks {
    private Picks() {
    }

    /**
     * {@code size} indices into a split of {@code n} items, each distinct until all were taken: the
     * split in a random order, then again in a fresh order, as often as {@code size} needs.
     */
    static int[] distinct(int n, int size, RandomGenerator rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] picks = new int[size];
        for (int b = 0; b < size; b++) {
            int i = b % n;
            if (i == 0) {
                for (int j = n - 1; j > 0; j--) {
                    int k = rng.nextInt(j + 1);
                    int tmp = order[j];
                    order[j] = order[k];
                    order[k] = tmp;
                }
            }
            picks[b] = order[i];
        }
        return picks;
    }
}
