package org.dalesweep.spec;

/** Which units the readout W_out sees: all, or the excitatory ones only. */
public enum ReadoutFrom {
    ALL,
    EXCITATORY,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
