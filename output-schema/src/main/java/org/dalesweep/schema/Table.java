package org.dalesweep.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The tables of a sweep's output: the folder under the output, the name of the Parquet
 * message, the declared columns in file order, and the key columns without which a file is not
 * one of the table's (a reader refuses such a file as damaged).
 *
 * <pre>
 *   &lt;out&gt;/runs/task=&lt;task&gt;/run-&lt;run_id&gt;.parquet   one row per run (partitioned by task)
 *   &lt;out&gt;/trajectories/run-&lt;run_id&gt;.parquet     one row per run and evaluation
 *   &lt;out&gt;/params/run-&lt;run_id&gt;.parquet           save_params only: one row per saved tensor
 * </pre>
 */
public enum Table {
    RUNS("runs", "run", RunsColumn.values(), List.of(RunsColumn.RUN_ID, RunsColumn.STATUS)),
    TRAJECTORIES("trajectories", "trajectory_point", TrajectoriesColumn.values(),
            List.of(TrajectoriesColumn.RUN_ID, TrajectoriesColumn.ITERATION)),
    PARAMS("params", "param", ParamsColumn.values(),
            List.of(ParamsColumn.RUN_ID, ParamsColumn.STAGE, ParamsColumn.NAME)),
    ;

    private final String dir;
    private final String messageName;
    private final List<Column> columns;
    private final List<Column> keyColumns;

    Table(String dir, String messageName, Column[] columns, List<Column> keyColumns) {
        this.dir = dir;
        this.messageName = messageName;
        this.columns = List.copyOf(Arrays.asList(columns));
        this.keyColumns = List.copyOf(keyColumns);
    }

    /** The table's folder under the output directory. */
    public String dir() {
        return dir;
    }

    /** The name of the Parquet message (the schema's root). */
    public String messageName() {
        return messageName;
    }

    /**
     * The declared columns other than the spec's, in file order. In {@code runs} the spec columns
     * come between the identity columns and the rest.
     */
    public List<Column> columns() {
        return columns;
    }

    /** The columns every file of the table has. */
    public List<String> keyColumns() {
        return keyColumns.stream().map(Column::columnName).toList();
    }

    /**
     * The columns that name a row across files: two rows with the same values are two copies of one
     * row (a retried or resumed run wrote it again), and readers keep one of them.
     */
    public List<String> rowKey() {
        return switch (this) {
            case RUNS -> List.of(RunsColumn.RUN_ID.columnName());
            case TRAJECTORIES, PARAMS -> keyColumns();
        };
    }

    /** The Hive-style partition column in the path ({@code task=<name>}), if the table has one. */
    public Optional<Column> partitionColumn() {
        return this == RUNS ? Optional.of(SpecColumn.TASK) : Optional.empty();
    }

    /**
     * Every column this declaration knows for the table: the declared ones, and in {@code runs}
     * the spec columns (task parameters are not enumerable: see {@link #declaredRole}).
     */
    public List<Column> knownColumns() {
        List<Column> all = new ArrayList<>(columns);
        if (this == RUNS) {
            all.addAll(Arrays.asList(SpecColumn.values()));
        }
        return List.copyOf(all);
    }

    /**
     * The role this declaration gives a column name, for files that do not carry roles (written
     * before they did, or by another writer): a declared column's role; in {@code runs}, spec for
     * a declared spec field and for every task parameter ({@code task_<param>}); empty otherwise.
     */
    public Optional<Role> declaredRole(String column) {
        for (Column c : knownColumns()) {
            if (c.columnName().equals(column)) {
                return Optional.of(c.role());
            }
        }
        if (this == RUNS && SpecColumn.isTaskParameter(column)) {
            return Optional.of(Role.SPEC);
        }
        return Optional.empty();
    }

    public static Optional<Table> inDir(String dir) {
        return Arrays.stream(values()).filter(t -> t.dir.equals(dir)).findFirst();
    }
}
