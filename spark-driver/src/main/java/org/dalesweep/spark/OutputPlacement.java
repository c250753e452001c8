package org.dalesweep.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Whether a sweep's output can be written by every executor under the same name (DESIGN §5.3).
 * Each Spark task writes its run's files itself, so with executors on other machines a path on a
 * machine's own disk would scatter the output: each executor writing to its own disk, the driver
 * seeing the runs as missing and a resume training them again. The rule, decided on the driver
 * before anything is written or any executor starts:
 *
 * <ul>
 *   <li>a local master ({@code local}, {@code local[…]}, {@code local-cluster[…]}): anything goes;</li>
 *   <li>otherwise a relative path is refused, whatever the file system (it means another place for
 *       every working directory and user);</li>
 *   <li>a path on a file system other than the local one (hdfs:, s3a:, gs:, abfs:, …) is accepted;</li>
 *   <li>a local ({@code file:}) path is accepted only when it can be shown to be shared: the master
 *       is on a loopback address (a cluster on this machine: no executor can be elsewhere), or
 *       {@code /proc/mounts} puts the path on a network file system ({@link #NETWORK_FS}), or the
 *       user says so ({@code --shared-output}); else it is refused.</li>
 * </ul>
 */
public final class OutputPlacement {

    /** File system types of /proc/mounts that every node of a cluster can mount under one name. */
    static final Set<String> NETWORK_FS = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "fuse.ceph",
            "glusterfs", "fuse.glusterfs", "lustre", "gpfs", "beegfs", "fuse.sshfs", "fuse.juicefs", "fuse.s3fs",
            "fuse.gcsfuse", "fuse.lizardfs", "fuse.moosefs", "ocfs2", "gfs2", "afs", "orangefs", "panfs", "wekafs");

    private OutputPlacement() {
    }

    /** True for the masters whose executors all run in or beside this JVM. */
    static boolean isLocal(String master) {
        return master == null || master.equals("local") || master.startsWith("local[") || master.startsWith("local-cluster[");
    }

    /**
     * Refuses an output the master's executors could scatter.
     *
     * @param output       the output as given (--out or the sweep's output)
     * @param qualified    the same, qualified by its file system (scheme included)
     * @param sharedOutput the user vouches that a local path is the same directory on every node
     * @throws OutputConflictException naming the master and what to use instead
     */
    static void check(String master, String output, Path qualified, boolean sharedOutput, Configuration conf)
            throws OutputConflictException {
        if (isLocal(master)) {
            return;
        }
        Path given = new Path(output);
        if (!given.isAbsolute() && given.toUri().getScheme() == null) {
            throw new OutputConflictException("the output " + output + " is a relative path, and the master " + master
                    + " runs executors that would each write it on their own disk, relative to their own working directory;"
                    + " give a path every node sees under the same name: hdfs://…, s3a://…, or an absolute path on a"
                    + " shared mount (e.g. /shared/results/…)");
        }
        String scheme = qualified.toUri().getScheme();
        if (scheme != null && !scheme.equals("file")) {
            return;
        }
        if (sharedOutput || loopbackMaster(master)) {
            return;
        }
        String local = qualified.toUri().getPath();
        Optional<String> fsType = mountType(local);
        if (fsType.isPresent() && NETWORK_FS.contains(fsType.get())) {
            return;
        }
        throw new OutputConflictException("the output " + output + " is on this machine's local file system ("
                + fsType.map(t -> t + ", ").orElse("") + "not a network mount), and the master " + master
                + " may run executors on other machines, each writing its runs to its own disk; give a path every node sees"
                + " under the same name: hdfs://…, s3a://…, or a shared mount (NFS, CephFS, Lustre, …); if this path is"
                + " shared in a way /proc/mounts does not show, say so with --shared-output");
    }

    /** True when every host of a spark:// master URL is a loopback address. */
    static boolean loopbackMaster(String master) {
        if (!master.startsWith("spark://")) {
            return false;
        }
        List<String> hosts = List.of(master.substring("spark://".length()).split(","));
        for (String hostPort : hosts) {
            String host = URI.create("spark://" + hostPort.strip()).getHost();
            if (host == null) {
                return false;
            }
            try {
                if (!InetAddress.getByName(host).isLoopbackAddress()) {
                    return false;
                }
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return !hosts.isEmpty();
    }

    /** The /proc/mounts type of the mount holding {@code path} (the longest mount point that is a prefix). */
    static Optional<String> mountType(String path) {
        java.nio.file.Path mounts = java.nio.file.Path.of("/proc/mounts");
        if (!Files.isReadable(mounts)) {
            return Optional.empty();
        }
        try {
            return mountType(path, Files.readAllLines(mounts));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<String> mountType(String path, List<String> mountsLines) {
        String best = null;
        String type = null;
        for (String line : mountsLines) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            String point = f[1].replace("\\040", " ");
            boolean under = path.equals(point) || point.equals("/") || path.startsWith(point + "/");
            if (under && (best == null || point.length() >= best.length())) {
                best = point;
                type = f[2].toLowerCase(Locale.ROOT);
            }
        }
        return Optional.ofNullable(type);
    }
}
