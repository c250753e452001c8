package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ParamsColumn;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.TrajectoriesColumn;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.task.Tasks;
import org.junit.jupiter.api.Test;

/**
 * The declaration (output-schema) against the code that produces the columns: COLUMNS.md is
 * generated from it, every flat spec field of every task is a declared spec column of its declared
 * type (and every declared one a field), and every declared column has exactly one extractor.
 */
class ColumnsDocTest {

    private static final Path COLUMNS_MD = Path.of("COLUMNS.md");

    private final SpecCodec codec = new SpecCodec();

    @Test
    void columnsMdIsGeneratedFromTheDeclaration() throws Exception {
        String generated = ColumnsDoc.render();
        if (Boolean.getBoolean("dalesweep.columns.write")) {
            Files.writeString(COLUMNS_MD, generated, StandardCharsets.UTF_8);
            return;
        }
        String onDisk = Files.readString(COLUMNS_MD, StandardCharsets.UTF_8);
        if (!onDisk.equals(generated)) {
            fail("spark-driver/COLUMNS.md is not what output-schema declares; regenerate it: mvn -o test -pl spark-driver"
                    + " -am -Dtest=ColumnsDocTest -Dsurefire.failIfNoSpecifiedTests=false -Ddalesweep.columns.write=true");
        }
    }

    @Test
    void everyColumnTheWriterWritesIsDocumented() throws Exception {
        String doc = ColumnsDoc.render();
        List<RunSpec> everyTask = Tasks.names().stream().map(RunSpec::defaults).toList();
        List<MessageType> schemas = List.of(RunTables.runsSchema(everyTask, codec), RunTables.trajectorySchema(),
                RunTables.paramsSchema());
        for (MessageType s : schemas) {
            for (Type t : s.getFields()) {
                assertTrue(doc.contains("| `" + t.getName() + "` |"), "COLUMNS.md documents " + s.getName() + "." + t.getName());
            }
        }
        assertTrue(doc.contains("| `task` |"), "the partition column");
    }

    @Test
    void aDottedKeysColumnIsTheNameFlattenGivesIt() throws Exception {
        for (String task : Tasks.names()) {
            RunSpec spec = RunSpec.defaults(task);
            List<String> keys = new ArrayList<>();
            dottedKeys(codec.tree(spec), "", keys);
            Set<String> flat = codec.flatten(spec).keySet();
            for (String key : keys) {
                assertTrue(flat.contains(SpecColumn.ofKey(key)), key + " -> " + SpecColumn.ofKey(key) + " is not a flat field");
            }
        }
        assertEquals("loss_mixed_cost", SpecColumn.ofKey("loss.mixed_cost"));
        assertEquals("p_ee", SpecColumn.ofKey("network.connectivity.p_ee"));
    }

    private static void dottedKeys(com.fasterxml.jackson.databind.JsonNode node, String path, List<String> out) {
        node.fields().forEachRemaining(e -> {
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject()) {
                dottedKeys(e.getValue(), key, out);
            } else {
                out.add(key);
            }
        });
    }

    @Test
    void theSpecColumnsAreExactlyTheSpecsFlatFieldsWithTheirTypes() throws Exception {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String task : Tasks.names()) {
            flat.putAll(codec.flatten(RunSpec.defaults(task)));
        }
        Set<String> fields = new TreeSet<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            Column c = RunTables.specColumn(e.getKey(), e.getValue());
            if (!SpecColumn.isTaskParameter(e.getKey())) {
                fields.add(c.columnName());
            }
        }
        Set<String> declared = new TreeSet<>();
        for (SpecColumn c : SpecColumn.values()) {
            declared.add(c.columnName());
        }
        assertEquals(declared, fields, "output-schema's SpecColumn and the spec's flat fields");
        Set<String> taskParameters = new TreeSet<>();
        ColumnsDoc.taskParameters().forEach(c -> taskParameters.add(c.columnName()));
        Set<String> flatTaskParameters = new TreeSet<>(flat.keySet());
        flatTaskParameters.removeIf(k -> !SpecColumn.isTaskParameter(k));
        assertEquals(taskParameters, flatTaskParameters, "every task parameter is documented");
    }

    @Test
    void everyDeclaredColumnHasExactlyOneExtractor() {
        // duplicates and gaps already fail when RowValues loads (ColumnValues.Builder); this names them if it did
        assertEquals(EnumSet.allOf(RunsColumn.class), RowValues.RUNS.columns());
        assertEquals(EnumSet.allOf(TrajectoriesColumn.class), RowValues.TRAJECTORIES.columns());
        assertEquals(EnumSet.allOf(ParamsColumn.class), RowValues.PARAMS.columns());
        ColumnValues.Builder<RunsColumn, Object> b = ColumnValues.of(RunsColumn.class);
        b.put(RunsColumn.ARM, x -> "learned");
        assertThrows(() -> b.put(RunsColumn.ARM, x -> "frozen"), "a second extractor for one column");
        assertThrows(b::build, "a declared column without an extractor");
    }

    private static void assertThrows(Runnable r, String what) {
        try {
            r.run();
        } catch (IllegalStateException expected) {
            return;
        }
        fail(what + " is refused");
    }
}
