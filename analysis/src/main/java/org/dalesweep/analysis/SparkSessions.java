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
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
