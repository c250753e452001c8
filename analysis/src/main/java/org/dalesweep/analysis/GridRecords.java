package org.dalesweep.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The run ids of an output's grids, read from its sweep records ({@code sweep.yaml}, and
 * {@code sweep-<fingerprint>.yaml} for each sweep appended or refine round). A record is a grid when
 * it holds exactly its grid's runs (grid points × seeds + control runs); a refine round's record
 * holds its probes besides. The report's grid sections read these runs only, so that probes a
 * refine made at other settings ({@code refine.at}, e.g. another alpha initialisation) do not
 * enter the grid's tables as a level of their own.
 */
final class GridRecords {

    private GridRecords() {
    }

    /** The grid run ids of the records in {@code dir}; empty when there are no readable records. */
    static Set<String> gridRunIds(Path dir) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (DirectoryStream<Path> records = Files.newDirectoryStream(dir, "sweep*.yaml")) {
            for (Path record : records) {
                JsonNode t = yaml.readTree(record.toFile());
                if (t == null || !t.has("run_ids") || !t.has("runs") || !t.has("grid_points") || !t.has("seeds")) {
                    continue;
                }
                long grid = t.get("grid_points").asLong() * t.get("seeds").size() + t.path("control_runs").asLong();
                if (t.get("runs").asLong() == grid) {
                    ids.addAll(SweepRecordIds.read(record).runIds());
                }
            }
        }
        return ids;
    }
}
