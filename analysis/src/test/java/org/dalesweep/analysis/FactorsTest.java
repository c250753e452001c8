package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.dalesweep.schema.SpecColumn;
import org.junit.jupiter.api.Test;

/** The loss factor's label is derived from the declared {@code loss_*} columns. */
class FactorsTest {

    @Test
    void theLossLabelNamesEveryDeclaredLossColumn() {
        String label = Factors.lossLabel();
        Arrays.stream(SpecColumn.values()).map(SpecColumn::columnName).filter(c -> c.startsWith("loss_"))
                .forEach(c -> assertTrue(label.contains(c + " ") || label.contains(c + ",") || label.contains(c + ")"),
                        c + " is in the label: " + label));
    }

    @Test
    void theLabelOfTheFourTermsIsTheOneReportsHaveAlwaysShown() {
        String before = "concat(loss_kind,"
                + " if(loss_rate_l2 > 0, concat('+rate_l2=', cast(loss_rate_l2 as string)), ''),"
                + " if(loss_weight_l2 > 0, concat('+weight_l2=', cast(loss_weight_l2 as string),"
                + " '(', loss_weight_l2_on, ')'), ''),"
                + " if(loss_weight_l1 > 0, concat('+weight_l1=', cast(loss_weight_l1 as string)), ''))";
        String now = Factors.lossLabel();
        // a term declared since (e.g. loss_mixed_cost) comes after the four, in declaration order
        String fourTerms = now.replaceAll(", if\\(loss_(?!rate_l2 |weight_l2 |weight_l1 )[a-z0-9_]+ > 0, concat\\([^()]*\\([^()]*\\)\\), ''\\)", "");
        assertEquals(before, fourTerms);
    }
}
