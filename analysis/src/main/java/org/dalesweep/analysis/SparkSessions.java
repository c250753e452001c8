package org.dalesweep.analysis;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a CLI command: the master and any setting come from spark-submit or
 * {@code -Dspark.*} properties when given; otherwise local mode on every core, no web UI, and
 * Spark's log level lowered to warnings so the console shows results, not Spark's chatter.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession forCommand(String appName) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (!conf.contains("spark.master")) {
            builder.master("local[*]");
        }
        if (!conf.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        // a sweep's tables are small for Spark (a million runs is a few GB): 200 shuffle partitions
        // make hundreds of near-empty tasks per query; a few per core suffice, and adaptive
        // execution coalesces further
        if (!conf.contains("spark.sql.shuffle.partitions")) {
            builder.config("spark.sql.shuffle.partitions",
                    Integer.toString(Math.max(2, 2 * Runtime.getRuntime().availableProcessors())));
        }
        // listing a table of thousands of files in a Spark job costs more than listing it in the driver
        if (!conf.contains("spark.sql.sources.parallelPartitionDiscovery.threshold")) {
            builder.config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** Below this many rows in {@code runs}, queries run interpreted (see {@link #sizeTo}). */
    static final long SMALL_OUTPUT_RUNS = 20_000;

    /**
     * Sizes the session to an output of {@code runs} rows, unless the user set these: a small
     * output's queries run interpreted, without whole-stage code generation, because compiling
     * each query's generated Java (Janino) costs more than running it over a few thousand rows
     * (on the smoke output it was most of analyze's time); a large one keeps code generation.
     */
    public static void sizeTo(SparkSession spark, long runs) {
        SparkConf conf = spark.sparkContext().getConf();
        boolean small = runs < SMALL_OUTPUT_RUNS;
        if (!conf.contains("spark.sql.codegen.wholeStage")) {
            spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(!small));
        }
        if (!conf.contains("spark.sql.codegen.factoryMode")) {
            spark.conf().set("spark.sql.codegen.factoryMode", small ? "NO_CODEGEN" : "FALLBACK");
        }
    }
}
