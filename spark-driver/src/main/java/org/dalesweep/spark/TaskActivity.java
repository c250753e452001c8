package org.dalesweep.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts the Spark tasks running right now, and the runs those tasks have finished so far, for the
 * progress line. A task of an ensemble finishes several runs, but Spark merges a task's accumulator
 * into the driver's only when the task ends; the executors' heartbeats carry the running tasks'
 * values in between, so the progress line counts runs as they finish (to within a heartbeat).
 */
final class TaskActivity extends SparkListener {
    private final AtomicInteger running = new AtomicInteger();
    private final long doneAccumulator;
    /** Per running task: runs it has finished, from its last heartbeat. */
    private final Map<Long, Long> finishedInRunningTasks = new ConcurrentHashMap<>();

    /** Follows the tasks, and their in-flight values of the accumulator {@code doneAccumulator} (its id). */
    TaskActivity(long doneAccumulator) {
        this.doneAccumulator = doneAccumulator;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        running.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        running.updateAndGet(n -> Math.max(0, n - 1));
        finishedInRunningTasks.remove(taskEnd.taskInfo().taskId());
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                if (info.id() == doneAccumulator && info.update().isDefined()
                        && info.update().get() instanceof Number n) {
                    finishedInRunningTasks.put((Long) task._1(), n.longValue());
                }
            }
        }
    }

    int running() {
        return running.get();
    }

    /** Runs finished by tasks still running (not yet in the driver's accumulator). */
    long finishedInRunningTasks() {
        return finishedInRunningTasks.values().stream().mapToLong(Long::longValue).sum();
    }
}
