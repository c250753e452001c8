package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every synthetic task must have, checked on each. */
class TaskSuiteTest {

    /** The tasks that read trials from files (downloaded images, a user's file): every other task is synthetic. */
    static final Set<String> READ_FILES = Set.of("seq_mnist", "seq_fashion", "file");

    /** Every synthetic task of the registry: a task added to {@link Tasks} is checked here without an edit. */
    static List<String> synthetic() {
        return Tasks.names().stream().filter(n -> !READ_FILES.contains(n)).toList();
    }

    /** The synthetic tasks scored by a choice among outputs. */
    static List<String> syntheticChoices() {
        return synthetic().stream().filter(n -> Tasks.byName(n).orElseThrow().classification()).toList();
    }

    @Test
    void registryListsEveryTaskOnceWithDefaultsInsideTheirRanges() {
        assertEquals(List.of("perceptual_dm", "context_dm", "delay_match", "parametric_wm", "go_nogo", "adding",
                "teacher", "seq_mnist", "seq_fashion", "file"), Tasks.names());
        for (TaskDefinition def : Tasks.all()) {
            assertEquals(def.params().size(), new HashSet<>(def.params().stream().map(TaskParam::key).toList()).size(),
                    def.name() + " has a duplicate parameter");
            for (TaskParam p : def.params()) {
                if (p.defaultValue() instanceof Number n) {
                    assertTrue(n.doubleValue() >= p.min() && n.doubleValue() <= p.max(), def.name() + "." + p.key());
                }
                if (p.defaultValue() instanceof List<?> xs) {
                    xs.forEach(x -> assertTrue(((Double) x) >= p.min() && ((Double) x) <= p.max(), def.name() + "." + p.key()));
                }
                assertFalse(p.doc().isBlank(), def.name() + "." + p.key() + " has no meaning");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("synthetic")
    void defaultSpecResolvesThroughTheCodecAndBuildsTheNamedTask(String name) throws SpecException {
        SpecCodec codec = new SpecCodec();
        RunSpec spec = codec.parse("task: {name: " + name + "}", "test", List.of());
        Task task = Tasks.create(spec.task(), spec.network());
        assertEquals(name, task.name());
        assertEquals(Tasks.byName(name).orElseThrow().classification(), task.classification());
        assertEquals(task.inputCount(), task.inputNames().size());
        assertEquals(task.outputCount(), task.outputNames().size());
        int covered = task.inputGroups().stream().mapToInt(ChannelGroup::size).sum();
        assertEquals(task.inputCount(), covered, "input groups cover every channel once");
    }

    @ParameterizedTest
    @MethodSource("synthetic")
    void batchesHaveTheTasksShapeAndMaskedTargetsAndValidLabels(String name) throws SpecException {
        Task task = TaskFixtures.task(name);
        Batch b = TaskFixtures.sample(task, 17, 3);
        assertEquals(task.steps(), b.steps());
        assertEquals(17, b.size());
        assertEquals(task.inputCount(), b.inputCount());
        assertEquals(task.outputCount(), b.outputCount());
        for (int trial = 0; trial < b.size(); trial++) {
            int label = b.labels()[trial];
            assertTrue(label >= -1 && label < task.outputCount(), "label " + label);
            assertTrue(TaskFixtures.firstMasked(b, trial) >= 0, "trial " + trial + " has a masked step");
        }
        for (int e = 0; e < b.mask().length; e++) {
            assertTrue(b.mask()[e] == 0 || b.mask()[e] == 1);
            if (b.mask()[e] == 0) {
                assertEquals(0f, b.targets()[e], "a target outside the mask is 0");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("synthetic")
    void sameSeedGivesTheSameBatchAndAnotherSeedAnother(String name) throws SpecException {
        Task task = TaskFixtures.task(name);
        Batch a = TaskFixtures.sample(task, 8, 42);
        Batch again = TaskFixtures.sample(task, 8, 42);
        Batch other = TaskFixtures.sample(task, 8, 43);
        assertArrayEquals(a.inputs(), again.inputs());
        assertArrayEquals(a.targets(), again.targets());
        assertArrayEquals(a.mask(), again.mask());
        assertArrayEquals(a.labels(), again.labels());
        assertFalse(java.util.Arrays.equals(a.inputs(), other.inputs()));
    }

    @ParameterizedTest
    @MethodSource("synthetic")
    void perfectOutputScoresOne(String name) throws SpecException {
        Task task = TaskFixtures.task(name);
        Batch b = TaskFixtures.sample(task, 64, 5);
        assertEquals(1.0, task.score(b, TaskFixtures.perfect(b)), 1e-6);
    }

    @ParameterizedTest
    @MethodSource("syntheticChoices")
    void constantOutputScoresNearChance(String name) throws SpecException {
        Task task = TaskFixtures.task(name);
        Batch b = TaskFixtures.sample(task, 4000, 9);
        float[] favourFirst = TaskFixtures.constant(b, 1f, 0.2f);
        double score = task.score(b, favourFirst);
        long first = java.util.Arrays.stream(b.labels()).filter(l -> l == 0).count();
        assertEquals((double) first / b.size(), score, 1e-9, "a constant choice is right exactly on its own label");
        long labelled = java.util.Arrays.stream(b.labels()).filter(l -> l >= 0).count();
        assertEquals(0.5 * labelled / b.size(), score, 0.04, "about half the answered trials have each answer");
    }

    @Test
    void defaultSpecHoldsEveryParameterAndUnknownNamesAreSpecProblems() {
        for (String name : synthetic()) {
            assertEquals(Tasks.byName(name).orElseThrow().params().size(), TaskSpec.defaults(name).params().size());
        }
        assertTrue(Tasks.byName("nope").isEmpty());
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> Tasks.create(new org.dalesweep.spec.TaskSpec("nope", new java.util.TreeMap<>()), TaskFixtures.network(20)));
        assertTrue(e.getMessage().contains("task.name"));
    }
}
