package org.dalesweep.train;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one way a throwable becomes text, wherever it was caught: the FAILED row's {@code message}
 * (whether the trainer, the Spark task or the command line caught it) and the command line's
 * error line. One line: each link of the cause chain as {@code SimpleClassName: message}, joined by
 * {@code " <- caused by "}; a wrapper whose message is its cause's {@code toString()}, and a link
 * whose text the line already holds, are left out, and so is any link after the first repeated
 * throwable (a cycle). dalesweep's own exceptions (classes in {@code org.dalesweep}) carry messages
 * written for the user and show the message alone. Line breaks in messages become spaces.
 */
public final class Failures {

    /** At most this many links are described; deeper chains end with {@code " <- …"}. */
    static final int MAX_LINKS = 8;

    private Failures() {
    }

    public static String describe(Throwable e) {
        if (e == null) {
            return "unknown failure";
        }
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int links = 0;
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (links == MAX_LINKS) {
                sb.append(" <- …");
                break;
            }
            if (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                    && t.getMessage().equals(t.getCause().toString())) {
                continue; // a wrapper that only repeats its cause: the cause says it
            }
            String text = link(t);
            String message = t.getMessage() == null ? null : oneLine(t.getMessage());
            boolean repeated = sb.length() > 0 && (sb.indexOf(text) >= 0 || message != null && sb.indexOf(message) >= 0);
            if (repeated) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(" <- caused by ");
            }
            sb.append(text);
            links++;
        }
        return sb.toString();
    }

    private static String link(Throwable t) {
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        if (t.getClass().getName().startsWith("org.dalesweep.") && t.getMessage() != null && !t.getMessage().isBlank()) {
            return oneLine(t.getMessage());
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? name : name + ": " + oneLine(t.getMessage());
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
