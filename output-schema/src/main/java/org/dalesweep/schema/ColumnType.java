package org.dalesweep.schema;

/**
 * The Parquet type of a column, as the writer writes it: a string is {@code BINARY (STRING)}, a
 * list is the three-level {@code LIST} of required doubles. {@link #docName} is how COLUMNS.md
 * names it, {@link #sqlName} how Spark SQL does (for casts and hand-made outputs).
 */
public enum ColumnType {
    STRING("string", "STRING"),
    BOOLEAN("boolean", "BOOLEAN"),
    INT32("int32", "INT"),
    INT64("int64", "BIGINT"),
    DOUBLE("double", "DOUBLE"),
    DOUBLE_LIST("list<double>", "ARRAY<DOUBLE>"),
    ;

    private final String docName;
    private final String sqlName;

    ColumnType(String docName, String sqlName) {
        this.docName = docName;
        this.sqlName = sqlName;
    }

    public String docName() {
        return docName;
    }

    public String sqlName() {
        return sqlName;
    }

    /** The type a Java value of a flat spec field has: Integer, Long, Double, Boolean, String or a List. */
    public static ColumnType ofValue(Object value) {
        if (value instanceof Integer) {
            return INT32;
        } else if (value instanceof Long) {
            return INT64;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof java.util.List<?>) {
            return DOUBLE_LIST;
        }
        throw new IllegalArgumentException("no column type for a " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** True when {@code value} is a value of this type as the writer takes it (null aside). */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case INT32 -> value instanceof Integer;
            case INT64 -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case DOUBLE_LIST -> value instanceof java.util.List<?> l && l.stream().allMatch(x -> x instanceof Double);
        };
    }
}
