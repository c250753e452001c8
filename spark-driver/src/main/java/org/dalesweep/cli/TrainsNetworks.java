package org.dalesweep.cli;

/**
 * Marks a verb that trains or runs networks: {@code bin/dalesweep} starts it with the Vector API
 * module and the chosen native BLAS, and every other verb without them (a faster start). The
 * launcher reads the list from {@code spark-driver/target/training-verbs.txt}, which the build
 * writes from the verbs ({@link LauncherVerbs}).
 */
public interface TrainsNetworks {
}
