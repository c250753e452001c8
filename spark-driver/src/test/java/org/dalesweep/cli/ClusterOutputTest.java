package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dalesweep.spark.FakeExecutors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 2: with a master whose executors may be on other machines, {@code run} refuses an
 * output they would scatter — a relative path, a path on this machine's local disk — before Spark
 * starts (exit 2, one line naming the master, nothing written). The cluster itself:
 * {@code StandaloneClusterIT.aRelativeOutputIsRefusedOnTheClusterBeforeAnyExecutorStarts}.
 */
class ClusterOutputTest {

    @TempDir
    Path dir;

    private CommandRun run(String out, String... more) throws Exception {
        Path sweep = Files.writeString(dir.resolve("s.yaml"), "sweep: s\nbase: {network: {units: 8}, training: {iterations: 5}}\n");
        List<String> args = new java.util.ArrayList<>(List.of(sweep.toString(), "--out", out,
                "--master", "spark://cluster-head.example.org:7077"));
        args.addAll(List.of(more));
        return CommandRun.of(new RunCommand(FakeExecutors.quick()), args.toArray(String[]::new));
    }

    @Test
    void aRelativeOutputIsRefusedNamingTheMaster() throws Exception {
        String rel = "target/scatter-" + System.nanoTime();
        CommandRun r = run(rel);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("dalesweep run: the output " + rel + " is a relative path, and the master"
                + " spark://cluster-head.example.org:7077"), r.err());
        assertTrue(r.err().contains("hdfs://") && r.err().contains("s3a://") && r.err().contains("shared mount"), r.err());
        assertFalse(Files.exists(Path.of(rel)), "nothing written");
    }

    @Test
    void aLocalDiskPathIsRefusedUnlessItIsShared() throws Exception {
        Path out = dir.resolve("out");
        CommandRun r = run(out.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("is on this machine's local file system") && r.err().contains("--shared-output"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        CommandRun file = run(out.toUri().toString());
        assertEquals(2, file.exitCode(), file.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void networkMountsAndLoopbackMastersCountAsShared() {
        List<String> mounts = List.of("/dev/sda1 / ext4 rw 0 0", "nas:/export /shared nfs4 rw 0 0",
                "tmpfs /shared/tmp tmpfs rw 0 0");
        assertEquals(Optional.of("nfs4"), org.dalesweep.spark.OutputPlacementProbe.mountType("/shared/results/study", mounts));
        assertEquals(Optional.of("tmpfs"), org.dalesweep.spark.OutputPlacementProbe.mountType("/shared/tmp/x", mounts));
        assertEquals(Optional.of("ext4"), org.dalesweep.spark.OutputPlacementProbe.mountType("/sharedish/x", mounts));
        assertTrue(org.dalesweep.spark.OutputPlacementProbe.loopbackMaster("spark://127.0.0.1:7077"));
        assertTrue(org.dalesweep.spark.OutputPlacementProbe.loopbackMaster("spark://localhost:7077,127.0.0.2:7078"));
        assertFalse(org.dalesweep.spark.OutputPlacementProbe.loopbackMaster("spark://cluster-head.example.org:7077"));
        assertFalse(org.dalesweep.spark.OutputPlacementProbe.loopbackMaster("yarn"));
    }
}
