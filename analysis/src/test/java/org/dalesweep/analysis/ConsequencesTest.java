package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Columns that another varied column determines are consequences, not factors of their own. */
class ConsequencesTest {

    private static final List<String> COLUMNS = List.of("task", "rho0", "tau_ratio", "p_ee", "p_ei");
    private static final StructType SCHEMA = new StructType()
            .add("task", DataTypes.StringType).add("rho0", DataTypes.DoubleType).add("tau_ratio", DataTypes.DoubleType)
            .add("p_ee", DataTypes.DoubleType).add("p_ei", DataTypes.DoubleType);

    /** A study's design: rho0 set per task, connectivity as p_ee and p_ei moving together, crossed with tau_ratio. */
    private static List<Row> design() {
        List<Row> rows = new ArrayList<>();
        for (String task : List.of("perceptual_dm", "delay_match", "go_nogo")) {
            double rho0 = task.equals("delay_match") ? 3.0 : 1.5;
            for (double tau : new double[] {0.5, 1, 2}) {
                for (double[] p : new double[][] {{1, 1}, {0.2, 0.6}}) {
                    rows.add(new GenericRowWithSchema(new Object[] {task, rho0, tau, p[0], p[1]}, SCHEMA));
                }
            }
        }
        return rows;
    }

    @Test
    void aSettingChosenPerTaskAndProbabilitiesVariedTogetherAreNotFactorsOfTheirOwn() {
        assertEquals(List.of("task", "tau_ratio", "p_ee"), Consequences.independent(COLUMNS, design()));
    }

    @Test
    void crossedColumnsAreAllKept() {
        List<Row> rows = design().stream().filter(r -> r.getString(0).equals("go_nogo")
                || r.getString(0).equals("perceptual_dm")).toList();
        assertEquals(List.of("task", "tau_ratio", "p_ee"), Consequences.independent(List.of("task", "tau_ratio", "p_ee"), rows));
    }

    @Test
    void ofTwoColumnsThatDetermineEachOtherTheFirstStays() {
        assertEquals(List.of("p_ei"), Consequences.independent(List.of("p_ei", "p_ee"), design()));
    }
}
