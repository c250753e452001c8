package org.dalesweep.boundary;

/** The outcomes at one probed value: {@code n} completed runs, {@code hits} of them satisfying {@code until}. */
public record Tally(int n, int hits) {

    public Tally {
        if (n < 0 || hits < 0 || hits > n) {
            throw new IllegalArgumentException("a tally needs 0 <= hits <= n, got " + hits + " of " + n);
        }
    }

    /** The fraction satisfying {@code until} (NaN without a completed run). */
    public double fraction() {
        return n == 0 ? Double.NaN : (double) hits / n;
    }

    /** Some runs satisfy {@code until} and some do not. */
    public boolean mixed() {
        return hits > 0 && hits < n;
    }

    public Tally plus(boolean hit) {
        return new Tally(n + 1, hits + (hit ? 1 : 0));
    }
}
