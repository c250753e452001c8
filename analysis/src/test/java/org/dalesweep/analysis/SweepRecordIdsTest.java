package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRecordIdsTest {

    @Test
    void runIdsThatLookLikeNumbersInExponentNotationAreReadAsWritten(@TempDir Path dir) throws IOException {
        // three ids of the committed study whose plain scalars a YAML tree reads as floats
        Path record = dir.resolve("sweep.yaml");
        Files.writeString(record, String.join("\n",
                "sweep: study",
                "runs: 3",
                "run_ids:",
                "- 5985544195e16796",
                "- 97242623e0730353",
                "- 0123456789abcdef",
                "run_ids_by_task:",
                "  go_nogo:",
                "  - 5985544195e16796",
                "  - 97242623e0730353",
                "  seq_mnist:",
                "  - 0123456789abcdef",
                ""));
        SweepRecordIds ids = SweepRecordIds.read(record);
        assertEquals(List.of("5985544195e16796", "97242623e0730353", "0123456789abcdef"), ids.runIds());
        assertEquals(Map.of("go_nogo", List.of("5985544195e16796", "97242623e0730353"),
                "seq_mnist", List.of("0123456789abcdef")), ids.runIdsByTask());
    }

    @Test
    void aRecordWithoutIdListsGivesNone(@TempDir Path dir) throws IOException {
        Path record = dir.resolve("sweep.yaml");
        Files.writeString(record, "sweep: old\nruns: 2\n");
        assertEquals(new SweepRecordIds(List.of(), Map.of()), SweepRecordIds.read(record));
    }
}
