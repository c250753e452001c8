package org.dalesweep.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Type-specific connection probabilities of the fixed random mask M ({@code p_ee} is E to E,
 * {@code p_ei} is I to E: postsynaptic type first, as in the field), and whether autapses exist.
 */
public record ConnectivitySpec(
        @JsonProperty("p_ee") double pEE,
        @JsonProperty("p_ei") double pEI,
        @JsonProperty("p_ie") double pIE,
        @JsonProperty("p_ii") double pII,
        boolean autapses) {

    /** Every default of the section, in this one place: dense, without autapses. */
    public static final ConnectivitySpec DEFAULT = new ConnectivitySpec(1, 1, 1, 1, false);

    public ConnectivitySpec {
        new Checks("network.connectivity")
                .within("p_ee", pEE, 0, 1)
                .within("p_ei", pEI, 0, 1)
                .within("p_ie", pIE, 0, 1)
                .within("p_ii", pII, 0, 1)
                .done();
    }

    /** True when every connection exists except, possibly, autapses. */
    public boolean dense() {
        return pEE == 1 && pEI == 1 && pIE == 1 && pII == 1;
    }

    public ConnectivitySpec withPEE(double value) {
        return new ConnectivitySpec(value, pEI, pIE, pII, autapses);
    }

    public ConnectivitySpec withPEI(double value) {
        return new ConnectivitySpec(pEE, value, pIE, pII, autapses);
    }

    public ConnectivitySpec withPIE(double value) {
        return new ConnectivitySpec(pEE, pEI, value, pII, autapses);
    }

    public ConnectivitySpec withPII(double value) {
        return new ConnectivitySpec(pEE, pEI, pIE, value, autapses);
    }

    public ConnectivitySpec withAutapses(boolean value) {
        return new ConnectivitySpec(pEE, pEI, pIE, pII, value);
    }
}
