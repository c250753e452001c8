package org.dalesweep.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The run ids a sweep record ({@code sweep.yaml}, {@code sweep-<fingerprint>.yaml}) lists, read as
 * the text they are. A run id is 16 hex digits, and some look like numbers in exponent notation
 * ({@code 5985544195e16796}); a record writes them as plain scalars, which a YAML tree reads as
 * floating-point numbers (infinity, or a rounded value) and so loses. Bound to strings, the parser
 * hands over the scalar's text unchanged. Every reader of a record's ids goes through here.
 */
public record SweepRecordIds(List<String> runIds, Map<String, List<String>> runIdsByTask) {

    public SweepRecordIds {
        runIds = runIds == null ? List.of() : List.copyOf(runIds);
        runIdsByTask = runIdsByTask == null ? Map.of() : Map.copyOf(runIdsByTask);
    }

    /** The ids {@code record} lists ({@code run_ids}, {@code run_ids_by_task}), empty where it lists none. */
    public static SweepRecordIds read(Path record) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Lists lists = yaml.readValue(record.toFile(), Lists.class);
        return lists == null ? new SweepRecordIds(null, null) : new SweepRecordIds(lists.runIds, lists.runIdsByTask);
    }

    private record Lists(@JsonProperty("run_ids") List<String> runIds,
            @JsonProperty("run_ids_by_task") Map<String, List<String>> runIdsByTask) {
    }
}
