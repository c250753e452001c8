package org.dalesweep.spec;

/** One alpha for the whole network, or one per presynaptic neuron (column of W_rec). */
public enum Granularity {
    NETWORK,
    NEURON,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
