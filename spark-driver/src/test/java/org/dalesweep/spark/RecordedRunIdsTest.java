package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dalesweep.spec.KeyAddition;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.junit.jupiter.api.Test;

/**
 * The runs of a recorded output ({@code golden/outputs.txt}, written before any key was added to
 * the spec) keep their run ids and their stored {@code spec_json} under today's spec, whatever keys
 * it gained since (DESIGN §4.1): resume finds them, and the writer would store the same text. A
 * key added now, at its default, leaves every id as it was.
 */
class RecordedRunIdsTest {

    private static final Pattern ROW = Pattern.compile("^\\[runs (\\w+) #0\\].* run_id='(\\w+)' .*spec_json='(\\{[^']*\\})' ");

    private final SpecCodec codec = new SpecCodec();

    record Recorded(String runId, String specJson) {
    }

    static List<Recorded> recorded() throws Exception {
        List<Recorded> out = new ArrayList<>();
        try (var in = RecordedRunIdsTest.class.getResourceAsStream(GoldenOutputTest.RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    assertEquals(m.group(1), m.group(2));
                    out.add(new Recorded(m.group(2), m.group(3)));
                }
            }
        }
        assertEquals(GoldenOutputTest.runs().size(), out.size(), "one runs row per recorded run");
        return out;
    }

    @Test
    void theRecordedRunsKeepTheirIdsAndTheirStoredSpec() throws Exception {
        List<Recorded> recorded = recorded();
        List<List<String>> sets = GoldenOutputTest.runs();
        for (int i = 0; i < recorded.size(); i++) {
            Recorded r = recorded.get(i);
            RunSpec fromOutput = codec.fromJson(r.specJson());
            assertEquals(r.runId(), codec.runId(fromOutput), "the id of the stored spec");
            assertEquals(r.specJson(), codec.canonicalJson(fromOutput), "the stored spec_json is today's canonical text");
            assertEquals(r.runId(), codec.runId(codec.parse("", "golden", sets.get(i))), "the id of the spec as planned");
        }
    }

    @Test
    void aKeyAddedAtItsDefaultLeavesTheRecordedIdsAsTheyWere() throws Exception {
        KeyAddition added = new KeyAddition("training.test_only_steps", 0);
        for (Recorded r : recorded()) {
            RunSpec spec = codec.fromJson(r.specJson());
            assertEquals(r.runId(), added.runId(codec, spec, 0), "the new key at its default");
            assertNotEquals(r.runId(), added.runId(codec, spec, 3), "the new key away from its default");
        }
    }
}
