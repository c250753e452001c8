package org.dalesweep.spec;

import java.util.List;

/**
 * Thrown by the compact constructors of the spec records when a value is out of range. Unchecked
 * because records are also built in code; the binder turns it into a {@link SpecException}.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidSpecException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
