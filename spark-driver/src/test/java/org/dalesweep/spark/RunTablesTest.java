package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.train.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTablesTest {

    @TempDir
    Path dir;

    private final SpecCodec codec = new SpecCodec();

    /** Every row of one Parquet file, read with plain parquet-java (no Spark). */
    static List<Group> readAll(org.apache.hadoop.fs.Path file) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), file).withConf(new Configuration()).build()) {
            for (Group g = r.read(); g != null; g = r.read()) {
                rows.add(g);
            }
        }
        return rows;
    }

    static MessageType fileSchema(org.apache.hadoop.fs.Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, new Configuration()))) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    @Test
    void aRunsRowHoldsIdentitySpecColumnsOutcomesAndProvenance() throws Exception {
        RunSpec spec = RunSpec.DEFAULT.withSeed(5);
        RunResult result = new FakeExecutor(0, Double.NaN, Double.NaN).train(spec, true);
        String id = codec.runId(spec);
        MessageType schema = RunTables.runsSchema(List.of(spec), codec);
        RunFiles files = new RunFiles(dir.toString(), new Configuration());
        files.write(id, spec.task().name(), schema, RunTables.runRow(schema, result, id, "demo", codec.canonicalJson(spec), codec),
                RunTables.trajectorySchema(), RunTables.trajectoryRows(RunTables.trajectorySchema(), id, result.trajectory()),
                RunTables.paramsSchema(), RunTables.paramRows(RunTables.paramsSchema(), id, result.params()));

        org.apache.hadoop.fs.Path runFile = files.runFile(id, "perceptual_dm");
        assertTrue(runFile.toString().contains("runs/task=perceptual_dm/run-" + id + ".parquet"), runFile.toString());
        Group row = readAll(runFile).get(0);
        assertEquals(id, row.getString("run_id", 0));
        assertEquals("demo", row.getString("sweep", 0));
        assertEquals("perceptual_dm", row.getString("task_name", 0));
        assertEquals(5L, row.getLong("seed", 0));
        assertEquals(64, row.getInteger("units", 0));
        assertEquals(0.5, row.getDouble("alpha_init", 0));
        assertEquals("sigmoid", row.getString("alpha_param", 0));
        assertEquals(5, row.getGroup("task_coherences", 0).getFieldRepetitionCount("list"));
        assertEquals("COMPLETED", row.getString("status", 0));
        assertEquals(result.alpha().finalMean(), row.getDouble("alpha_final", 0));
        assertEquals(result.scores().accuracy(), row.getDouble("accuracy", 0));
        assertEquals(result.trajectory().size(), row.getInteger("trajectory_points", 0));
        assertEquals(spec, codec.fromJson(row.getString("spec_json", 0)), "spec_json reproduces the run");
        String blas = row.getString("blas_library", 0);
        assertTrue(blas.contains("openblas") || !java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/maps")),
                "the library that did the products: " + blas);

        MessageType written = fileSchema(runFile);
        assertEquals(schema, written);
        assertTrue(!written.containsField("task"), "task comes from the partition path, the file has task_name");
        assertEquals(PrimitiveTypeName.INT64, written.getType("seed").asPrimitiveType().getPrimitiveTypeName());
        assertEquals(PrimitiveTypeName.BOOLEAN, written.getType("alpha_trainable").asPrimitiveType().getPrimitiveTypeName());

        List<Group> points = readAll(files.trajectoryFile(id));
        assertEquals(result.trajectory().size(), points.size());
        assertEquals(result.trajectory().get(1).iteration(), points.get(1).getInteger("iteration", 0));

        List<Group> params = readAll(files.paramsFile(id));
        assertEquals(2, params.size());
        assertEquals("64x64", params.get(0).getString("shape", 0));
        assertEquals(64 * 64, params.get(0).getGroup("values", 0).getFieldRepetitionCount("list"));
    }

    @Test
    void aFigureNotMeasuredIsNull() throws Exception {
        RunSpec spec = RunSpec.DEFAULT;
        RunResult diverged = new FakeExecutor(0, Double.NaN, spec.alpha().init()).train(spec, false);
        MessageType schema = RunTables.runsSchema(List.of(spec), codec);
        Group row = RunTables.runRow(schema, diverged, "x", "demo", codec.canonicalJson(spec), codec);
        assertEquals(0, row.getFieldRepetitionCount("alpha_final"));
        assertEquals(0, row.getFieldRepetitionCount("final_loss"));
        assertEquals("DIVERGED", row.getString("status", 0));
    }

    @Test
    void runsOfOneShapeShareOneSchemaAndARowNeedsItsSpecColumns() throws Exception {
        RunSpec a = RunSpec.DEFAULT;
        MessageType schema = RunTables.runsSchema(List.of(a, a.withSeed(9)), codec);
        assertEquals(RunTables.runsSchema(List.of(a), codec), schema);
        MessageType withoutSpec = new MessageType("run", schema.getFields().stream()
                .filter(f -> !f.getName().equals("units")).toList());
        assertThrows(IllegalArgumentException.class, () -> RunTables.runRow(
                withoutSpec, FakeExecutor.quick().train(a, false), "x", "s", "{}", codec));
    }
}
