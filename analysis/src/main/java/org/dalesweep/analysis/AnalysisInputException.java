package org.dalesweep.analysis;

/**
 * A sweep output that cannot be analysed as asked: a missing or unreadable directory, a table
 * without the columns the analysis needs, or a query Spark rejects. The message names the path
 * or repeats Spark's own explanation, so the CLI can print it without a stack trace.
 */
public class AnalysisInputException extends Exception {

    public AnalysisInputException(String message) {
        super(message);
    }

    public AnalysisInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
