package org.dalesweep.spark;

import java.io.Serializable;

/**
 * What a Spark task tells the driver about its run: the id, task, status name (or
 * {@link #ALREADY_DONE} when an earlier attempt had committed it), final alpha and seconds.
 */
public record RunOutcome(String runId, String task, String status, double alphaFinal, double seconds)
        implements Serializable {

    /** Status of a run another attempt had already committed; this attempt trained nothing. */
    public static final String ALREADY_DONE = "ALREADY_DONE";
}
