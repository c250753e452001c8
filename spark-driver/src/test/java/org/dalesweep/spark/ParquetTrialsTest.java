package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dalesweep.task.NpzTrials;
import org.dalesweep.task.TrialArrays;
import org.dalesweep.task.TrialFiles;
import org.dalesweep.task.TrialShape;
import org.dalesweep.task.data.DataException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet trial files (one row per trial, list-of-lists columns, as Spark, pandas and pyarrow write
 * them): the committed .npz written as Parquet by Spark reads back to the same trials, and a column
 * of the wrong nesting or type is named. Costs about 15 s (a local Spark session).
 */
@Tag("spark")
class ParquetTrialsTest {

    @TempDir
    Path dir;

    @Test
    void theCommittedTrialsWrittenAsParquetReadBackTheSameAndBadColumnsAreNamed() throws Exception {
        Path npz = Path.of("").toAbsolutePath().getParent().resolve("examples/trials/perceptual_dm.npz");
        TrialArrays a = new NpzTrials().read(npz);
        TrialShape s = a.shape();
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < s.trials(); b++) {
            rows.add(RowFactory.create(nested(a.inputs(), b, s.steps(), s.inputs()), nested(a.targets(), b, s.steps(), s.outputs()),
                    nested(a.mask(), b, s.steps(), s.outputs()), (long) a.labels()[b]));
        }
        StructType schema = new StructType()
                .add("inputs", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)))
                .add("targets", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)))
                .add("mask", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)))
                .add("labels", DataTypes.LongType);
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        Path good = dir.resolve("trials.parquet");
        Path bad = dir.resolve("flat.parquet");
        try {
            Path sparkDir = dir.resolve("spark-out");
            spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(sparkDir.toString());
            try (var files = Files.list(sparkDir)) {
                Files.copy(files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(), good);
            }
            StructType flat = new StructType()
                    .add("inputs", DataTypes.createArrayType(DataTypes.FloatType))
                    .add("targets", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)));
            Path flatDir = dir.resolve("flat-out");
            spark.createDataFrame(List.of(RowFactory.create(List.of(1f, 2f), List.of(List.of(1f)))), flat).coalesce(1)
                    .write().parquet(flatDir.toString());
            try (var files = Files.list(flatDir)) {
                Files.copy(files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(), bad);
            }
        } finally {
            spark.stop();
        }

        TrialShape inspected = TrialFiles.formatOf(good).inspect(good);
        assertEquals(s, inspected);
        TrialArrays back = TrialFiles.formatOf(good).read(good);
        assertArrayEquals(a.inputs(), back.inputs());
        assertArrayEquals(a.targets(), back.targets());
        assertArrayEquals(a.mask(), back.mask());
        assertArrayEquals(a.labels(), back.labels());

        DataException e = assertThrows(DataException.class, () -> TrialFiles.formatOf(bad).inspect(bad));
        assertTrue(e.getMessage().startsWith(bad + ": column 'inputs': a list of float, expected a list (T steps) of lists"),
                e.getMessage());
    }

    /** Trial b of a trial-major array as T lists of width numbers. */
    private static List<List<Float>> nested(float[] x, int b, int steps, int width) {
        List<List<Float>> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Float> row = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                row.add(x[(b * steps + t) * width + i]);
            }
            out.add(row);
        }
        return out;
    }
}
