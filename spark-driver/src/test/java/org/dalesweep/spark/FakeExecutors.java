package org.dalesweep.spark;

/** Public factory of the stand-in trainer for tests in other packages. */
public final class FakeExecutors {
    private FakeExecutors() {
    }

    public static RunExecutor quick() {
        return FakeExecutor.quick();
    }

    /** Throws OutOfMemoryError in runs with alpha.init {@code throwAt}, diverges in runs with {@code divergeAt}. */
    public static RunExecutor failing(double throwAt, double divergeAt) {
        return new FakeExecutor(0, throwAt, divergeAt);
    }

    /** A {@link ScriptedExecutor}: {@code MILLIS[,slow=ALPHA:SEED:MILLIS][,failonce=ALPHA]}. */
    public static RunExecutor scripted(String script) {
        return ScriptedExecutor.parse(script);
    }

    /** Takes {@code millis} per run. */
    public static RunExecutor slow(long millis) {
        return new FakeExecutor(millis, Double.NaN, Double.NaN);
    }
}
