package org.dalesweep.schema;

/**
 * One column of an output table: its name (snake_case, stable: added, never renamed), Parquet
 * type, role, whether it may be null (a figure a run did not measure is null, never NaN), and
 * what it means, as COLUMNS.md says it. The declared columns are the constants of
 * {@link RunsColumn}, {@link SpecColumn}, {@link TrajectoriesColumn} and {@link ParamsColumn};
 * a task's own parameters ({@code task_<param>}) are the one dynamic part, declared by the writer
 * as {@link #of} spec columns.
 */
public interface Column {

    /** The column's name; not {@code name()}, which an enum constant has already. */
    String columnName();

    ColumnType type();

    Role role();

    boolean nullable();

    String meaning();

    /** A column not among the declared constants (a task parameter, a column read from a file). */
    static Column of(String columnName, ColumnType type, Role role, boolean nullable, String meaning) {
        return new Declared(columnName, type, role, nullable, meaning);
    }

    /**
     * A column declared as an enum constant: the constant holds its plain form ({@link #declared}),
     * named after the constant in lower case, and answers every question from it.
     */
    interface Constant extends Column {
        Column declared();

        @Override
        default String columnName() {
            return declared().columnName();
        }

        @Override
        default ColumnType type() {
            return declared().type();
        }

        @Override
        default Role role() {
            return declared().role();
        }

        @Override
        default boolean nullable() {
            return declared().nullable();
        }

        @Override
        default String meaning() {
            return declared().meaning();
        }
    }

    /** The plain form of a column. */
    record Declared(String columnName, ColumnType type, Role role, boolean nullable, String meaning) implements Column {
        public Declared {
            if (columnName == null || !columnName.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a column name: " + columnName);
            }
            java.util.Objects.requireNonNull(type, "type");
            java.util.Objects.requireNonNull(role, "role");
            meaning = meaning == null ? "" : meaning;
        }
    }
}
