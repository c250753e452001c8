package org.dalesweep.spark;

import java.util.List;
import java.util.Optional;

/** Public access to {@link OutputPlacement}'s decisions for tests in other packages. */
public final class OutputPlacementProbe {
    private OutputPlacementProbe() {
    }

    public static Optional<String> mountType(String path, List<String> mounts) {
        return OutputPlacement.mountType(path, mounts);
    }

    public static boolean loopbackMaster(String master) {
        return OutputPlacement.loopbackMaster(master);
    }
}
