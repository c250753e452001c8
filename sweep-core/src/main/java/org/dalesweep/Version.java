package org.dalesweep;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, as Maven stamped it into the jar; recorded with every result. */
public final class Version {
    private Version() {
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
