package org.dalesweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where a result came from, beside {@link Version}: the git commit the build was made from and
 * whether its tree had uncommitted changes (both captured at build time into
 * {@code org/dalesweep/build.properties} by the build's antrun step; {@code unknown} when the build
 * ran without git or outside a clone), and the machine: {@code java.version}, {@code os.arch} and
 * the CPU model ({@code model name} of /proc/cpuinfo, {@code unknown} elsewhere).
 */
public final class BuildInfo {

    /** What a value is when it cannot be known. */
    public static final String UNKNOWN = "unknown";

    private BuildInfo() {
    }

    private static final class Loaded {
        static final Properties PROPERTIES = load();
        static final String CPU_MODEL = readCpuModel();

        private static Properties load() {
            Properties p = new Properties();
            try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // unknown below
            }
            return p;
        }
    }

    /** The full commit hash the build was made from, or {@code unknown}. */
    public static String gitCommit() {
        String c = Loaded.PROPERTIES.getProperty("git.commit", UNKNOWN).strip();
        return c.matches("[0-9a-f]{7,64}") ? c : UNKNOWN;
    }

    /** True when the build's tree had uncommitted changes, false when clean, null when unknown. */
    public static Boolean gitDirty() {
        String d = Loaded.PROPERTIES.getProperty("git.dirty", UNKNOWN).strip();
        return d.equals("true") ? Boolean.TRUE : d.equals("false") ? Boolean.FALSE : null;
    }

    /** The commit as one word for messages: the hash's first 12 digits, {@code +dirty} when the tree was dirty. */
    public static String describeCommit(String commit, Boolean dirty) {
        if (commit == null || commit.equals(UNKNOWN)) {
            return UNKNOWN;
        }
        return commit.substring(0, Math.min(12, commit.length())) + (Boolean.TRUE.equals(dirty) ? "+dirty" : "");
    }

    public static String javaVersion() {
        return System.getProperty("java.version", UNKNOWN);
    }

    public static String osArch() {
        return System.getProperty("os.arch", UNKNOWN);
    }

    /** The CPU's model name from /proc/cpuinfo (the first processor's), or {@code unknown}. */
    public static String cpuModel() {
        return Loaded.CPU_MODEL;
    }

    static String cpuModel(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon).strip();
                if (key.equals("model name") || key.equals("Model") || key.equals("cpu model")) {
                    String v = line.substring(colon + 1).strip().replaceAll("\\s+", " ");
                    if (!v.isEmpty()) {
                        return v;
                    }
                }
            }
        }
        return UNKNOWN;
    }

    private static String readCpuModel() {
        try {
            return cpuModel(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
