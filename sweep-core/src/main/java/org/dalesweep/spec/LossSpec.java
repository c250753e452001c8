package org.dalesweep.spec;

/**
 * A loss variant: the task loss plus optional coefficients of a metabolic rate cost
 * ({@code rate_l2}, mean phi(v)^2), an L2 weight cost on the effective W_rec or on W_dale and
 * W_free separately, an L1 weight cost, and the cost of wrong-sign terminals ({@code mixed_cost},
 * c times the effective W_rec's wrong-sign mass, DESIGN §2): the price of Dale is the smallest
 * {@code mixed_cost} at which alpha goes to 1.
 */
public record LossSpec(LossKind kind, double rateL2, double weightL2, WeightL2On weightL2On, double weightL1,
                       double mixedCost) {

    /** Every default of the section, in this one place; {@code with…} gives a spec that differs in one key. */
    public static final LossSpec DEFAULT = new LossSpec(
            LossKind.MSE,          // kind
            0,                     // rate_l2
            0,                     // weight_l2
            WeightL2On.EFFECTIVE,  // weight_l2_on
            0,                     // weight_l1
            0);                    // mixed_cost

    public LossSpec {
        new Checks("loss")
                .notNull("kind", kind)
                .nonNegative("rate_l2", rateL2)
                .nonNegative("weight_l2", weightL2)
                .notNull("weight_l2_on", weightL2On)
                .nonNegative("weight_l1", weightL1)
                .nonNegative("mixed_cost", mixedCost)
                .done();
    }

    public LossSpec withKind(LossKind value) {
        return new LossSpec(value, rateL2, weightL2, weightL2On, weightL1, mixedCost);
    }

    public LossSpec withRateL2(double value) {
        return new LossSpec(kind, value, weightL2, weightL2On, weightL1, mixedCost);
    }

    public LossSpec withWeightL2(double value) {
        return new LossSpec(kind, rateL2, value, weightL2On, weightL1, mixedCost);
    }

    public LossSpec withWeightL2On(WeightL2On value) {
        return new LossSpec(kind, rateL2, weightL2, value, weightL1, mixedCost);
    }

    public LossSpec withWeightL1(double value) {
        return new LossSpec(kind, rateL2, weightL2, weightL2On, value, mixedCost);
    }

    public LossSpec withMixedCost(double value) {
        return new LossSpec(kind, rateL2, weightL2, weightL2On, weightL1, value);
    }
}
