package org.dalesweep.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects range problems of one spec section, each naming its key path and value, and throws
 * them together. Used in the compact constructors of the spec records.
 */
public final class Checks {
    private final String section;
    private final List<String> problems = new ArrayList<>();

    public Checks(String section) {
        this.section = section;
    }

    private String key(String name) {
        return section.isEmpty() ? name : section + "." + name;
    }

    public Checks fail(String name, Object value, String requirement) {
        problems.add(key(name) + ": " + requirement + ", got " + SpecValues.show(value));
        return this;
    }

    public Checks require(boolean ok, String name, Object value, String requirement) {
        return ok ? this : fail(name, value, requirement);
    }

    public Checks positive(String name, double value) {
        return require(value > 0 && Double.isFinite(value), name, value, "must be a finite number > 0");
    }

    public Checks positive(String name, long value) {
        return require(value > 0, name, value, "must be an integer > 0");
    }

    public Checks nonNegative(String name, double value) {
        return require(value >= 0 && Double.isFinite(value), name, value, "must be a finite number >= 0");
    }

    public Checks nonNegative(String name, long value) {
        return require(value >= 0, name, value, "must be an integer >= 0");
    }

    public Checks within(String name, double value, double lo, double hi) {
        return require(value >= lo && value <= hi, name, value,
                "must be in [" + SpecValues.show(lo) + ", " + SpecValues.show(hi) + "]");
    }

    public Checks notNull(String name, Object value) {
        return require(value != null, name, "null", "is required");
    }

    /** Throws an {@link InvalidSpecException} listing every problem, if there is any. */
    public void done() {
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }
}
