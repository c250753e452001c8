package org.dalesweep.spec;

import java.util.ServiceLoader;

/** Holds the {@link TaskCatalog} found on the class path, looked up once, when first needed. */
final class InstalledTasks {

    static final TaskCatalog CATALOG = ServiceLoader.load(TaskCatalog.class, TaskCatalog.class.getClassLoader())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + TaskCatalog.class.getName()
                    + " service on the class path: the task package (sweep-core) is missing or incomplete"));

    private InstalledTasks() {
    }
}
