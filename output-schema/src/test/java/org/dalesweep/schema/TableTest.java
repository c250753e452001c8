package org.dalesweep.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void everyTableDeclaresEachColumnOnceWithAMeaningAndItsKeyColumnsRequired() {
        for (Table t : Table.values()) {
            Set<String> seen = new HashSet<>();
            for (Column c : t.knownColumns()) {
                assertTrue(seen.add(c.columnName()), t + " declares " + c.columnName() + " twice");
                assertTrue(c.columnName().matches("[a-z][a-z0-9_]*"), c.columnName());
                assertFalse(c.meaning().isBlank(), c.columnName() + " has no meaning");
            }
            for (String key : t.keyColumns()) {
                Column c = t.columns().stream().filter(x -> x.columnName().equals(key)).findFirst().orElseThrow();
                assertFalse(c.nullable(), key + " is a key column of " + t + ": never null");
            }
        }
    }

    @Test
    void inRunsTheSpecColumnsAreSpecAndNothingElseIs() {
        for (RunsColumn c : RunsColumn.values()) {
            assertTrue(c.role() != Role.SPEC, c + " is declared among the non-spec columns");
        }
        assertEquals(Optional.of(Role.SPEC), Table.RUNS.declaredRole("tau_ratio"));
        assertEquals(Optional.of(Role.SPEC), Table.RUNS.declaredRole("task_coherences"), "a task parameter");
        assertEquals(Optional.of(Role.IDENTITY), Table.RUNS.declaredRole("task_name"), "the task's name, not a parameter");
        assertEquals(Optional.of(Role.SPEC), Table.RUNS.declaredRole("task"), "the partition column");
        assertEquals(Optional.of(Role.OUTCOME), Table.RUNS.declaredRole("alpha_final"));
        assertEquals(Optional.empty(), Table.RUNS.declaredRole("something_else"));
        assertEquals(Optional.empty(), Table.TRAJECTORIES.declaredRole("tau_ratio"));
    }

    @Test
    void rolesRoundTripThroughTheMetadataEntry() {
        Map<String, Role> roles = new LinkedHashMap<>();
        roles.put("run_id", Role.IDENTITY);
        roles.put("tau_ratio", Role.SPEC);
        roles.put("alpha_final", Role.OUTCOME);
        roles.put("spec_json", Role.PROVENANCE);
        String entry = ColumnRoles.encode(roles);
        assertEquals("run_id:identity,tau_ratio:spec,alpha_final:outcome,spec_json:provenance", entry);
        assertEquals(roles, ColumnRoles.decode(entry));
        assertEquals(Map.of("a", Role.SPEC), ColumnRoles.decode("a:spec,b:future_role,garbage"));
    }

    @Test
    void theAddedColumnsAreDeclared() {
        for (String c : new String[] {"arm", "alpha_delta", "val_accuracy", "pressure_mean", "pressure_t",
                "pressure_frac_dale", "pressure_late_mean", "pressure_late_t"}) {
            assertTrue(RunsColumn.named(c).isPresent(), c);
        }
        assertFalse(RunsColumn.ARM.nullable(), "every run is in an arm");
    }
}
