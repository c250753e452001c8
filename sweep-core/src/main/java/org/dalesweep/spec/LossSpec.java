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
}
