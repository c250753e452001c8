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
 * looked at by a daemon thread every few seconds while the job runs. On a terminal it is rewritten
 * in place (padded with spaces over a longer previous line). Otherwise (logs, CI) a line is printed
 * only when a count changed (done, running, diverged, failed), or once a minute ({@link #QUIET_EVERY})
 * as a heartbeat when none did.
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
    /** Not on a terminal: the longest a log goes without a progress line while nothing changes. */
    static final Duration QUIET_EVERY = Duration.ofMinutes(1);
    private String lastCounts;
    private long lastPrinted = System.nanoTime();
    private int lastWidth;

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
        return line(counts());
    }

    /** The counts a line shows, as one comparable value: done, running, diverged, failed. */
    private long[] counts() {
        return new long[] {Math.min(doneNow.getAsLong(), pending), running.getAsInt(), diverged.getAsLong(), failed.getAsLong()};
    }

    private String line(long[] c) {
        long now = c[0];
        double elapsed = (System.nanoTime() - started) / 1e9;
        String eta = now == 0 ? "?" : clock(elapsed / now * (pending - now));
        return String.format(Locale.ROOT, "[%s] %d/%d done | running %d | diverged %d | failed %d | elapsed %s | ETA %s",
                sweep, alreadyDone + now, total, c[1], c[2], c[3], clock(elapsed), eta);
    }

    private void print() {
        print(false);
    }

    /** Prints the line if it is due: always on a terminal or when forced, else when a count changed or a minute passed. */
    synchronized boolean print(boolean force) {
        long[] c = counts();
        String key = java.util.Arrays.toString(c);
        long nowNanos = System.nanoTime();
        boolean changed = !key.equals(lastCounts);
        if (!terminal && !force && !changed && nowNanos - lastPrinted < QUIET_EVERY.toNanos()) {
            return false;
        }
        String line = line(c);
        if (terminal) {
            int pad = Math.max(0, lastWidth - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastWidth = line.length();
        } else {
            out.println(line);
        }
        out.flush();
        lastCounts = key;
        lastPrinted = nowNanos;
        return true;
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
        print(true);
        if (terminal) {
            synchronized (this) {
                out.println();
                out.flush();
            }
        }
    }
}
