/**
 * The {@code dalesweep bench} command and what only it uses: the training step timed against
 * the PyTorch reference ({@link org.dalesweep.bench.TorchReference}), the machine's peak GEMM rate
 * ({@link org.dalesweep.bench.PeakGemm}), resident memory from a child JVM
 * ({@link org.dalesweep.bench.ResidentMemory}) and whole runs in one JVM and as a sweep on
 * {@code local[n]} ({@link org.dalesweep.bench.SweepBench}). Kept apart from the user commands in
 * {@code org.dalesweep.cli}, on which it depends (not the other way round, but for the command's
 * registration in {@code Main}). What was measured with it, and when: {@code bench/RESULTS.md}.
 */
package org.dalesweep.bench;
