package org.dalesweep.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/** Counts the Spark tasks running right now, for the progress line. */
final class TaskActivity extends SparkListener {
    private final AtomicInteger running = new AtomicInteger();

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        running.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        running.updateAndGet(n -> Math.max(0, n - 1));
    }

    int running() {
        return running.get();
    }
}
