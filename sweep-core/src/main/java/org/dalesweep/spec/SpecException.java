package org.dalesweep.spec;

import java.util.List;

/**
 * A run spec or sweep file that cannot be used as given. Carries one message per problem, each
 * naming the offending key path and value, so a user fixes everything in one pass.
 */
public final class SpecException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public SpecException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public SpecException(String problem) {
        this(List.of(problem));
    }

    public SpecException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** Every problem found, one line each, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
