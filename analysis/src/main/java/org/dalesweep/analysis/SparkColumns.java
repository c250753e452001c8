package org.dalesweep.analysis;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ColumnType;

/** Declared columns (output-schema) as Spark SQL types, for outputs made by hand or by Spark. */
public final class SparkColumns {

    private SparkColumns() {
    }

    public static DataType dataType(ColumnType type) {
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case BOOLEAN -> DataTypes.BooleanType;
            case INT32 -> DataTypes.IntegerType;
            case INT64 -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case DOUBLE_LIST -> DataTypes.createArrayType(DataTypes.DoubleType);
        };
    }

    public static StructField field(Column c) {
        return DataTypes.createStructField(c.columnName(), dataType(c.type()), c.nullable());
    }

    /** A Spark schema of these columns, in this order. */
    public static StructType struct(List<? extends Column> columns) {
        return DataTypes.createStructType(columns.stream().map(SparkColumns::field).toList());
    }
}
