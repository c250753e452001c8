package org.dalesweep.spark;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The console progress line of a sweep — done/total, running, diverged, failed, elapsed, ETA —
 * printed by a daemon thread every few seconds while the job runs: rewritten in place on a
 * terminal, one line per update otherwise (logs, CI).
 */
final class Progress implements AutoCloseable {
    private final String sweep;
    private final int total;
    private final int alreadyDone;
    private final int pending;
    private final LongSupplier doneNow;
    private final LongSupplier diverged;
    private final LongSupplier failed;
    private final IntSupplier running;
    private final PrintWriter out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer;

    Progress(String sweep, int total, int alreadyDone, int pending, LongSupplier doneNow, LongSupplier diverged,
             LongSupplier failed, IntSupplier running, PrintWriter out, boolean terminal, Duration every) {
        this.sweep = sweep;
        this.total = total;
        this.alreadyDone = alreadyDone;
        this.pending = pending;
        this.doneNow = doneNow;
        this.diverged = diverged;
        this.failed = failed;
        this.running = running;
        this.out = out;
        this.terminal = terminal;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dalesweep-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::print, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    String line() {
        long now = Math.min(doneNow.getAsLong(), pending);
        double elapsed = (System.nanoTime() - started) / 1e9;
        String eta = now == 0 ? "?" : clock(elapsed / now * (pending - now));
        return String.format(Locale.ROOT, "[%s] %d/%d done | running %d | diverged %d | failed %d | elapsed %s | ETA %s",
                sweep, alreadyDone + now, total, running.getAsInt(), diverged.getAsLong(), failed.getAsLong(),
                clock(elapsed), eta);
    }

    private synchronized void print() {
        if (terminal) {
            out.print("\r" + line());
        } else {
            out.println(line());
        }
        out.flush();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** Stops the timer and prints the final line. */
    @Override
    public void close() {
        timer.shutdownNow();
        print();
        if (terminal) {
            synchronized (this) {
                out.println();
                out.flush();
            }
        }
    }
}
