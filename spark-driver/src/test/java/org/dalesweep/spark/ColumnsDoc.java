package org.dalesweep.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dalesweep.schema.BoundariesColumn;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ColumnRoles;
import org.dalesweep.schema.ColumnType;
import org.dalesweep.schema.Role;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.Table;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.task.TaskDefinition;
import org.dalesweep.task.Tasks;

/**
 * spark-driver/COLUMNS.md, generated from the declaration (output-schema) and, for the task
 * parameters, from the task suite's own parameter docs. {@link ColumnsDocTest} fails when the file
 * differs, and writes it with {@code -Ddalesweep.columns.write=true}.
 */
final class ColumnsDoc {

    private ColumnsDoc() {
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("""
                ## Output tables

                <!-- Generated from output-schema (org.dalesweep.schema) by ColumnsDocTest: edit the declaration, not this
                     file, then run  mvn -o test -pl spark-driver -am -Dtest=ColumnsDocTest -Dsurefire.failIfNoSpecifiedTests=false -Ddalesweep.columns.write=true  -->

                A sweep writes three Parquet datasets and one YAML file under its output directory
                (`--out`, else the sweep file's `output`, else `results/<sweep>`):

                ```
                <out>/sweep.yaml                                the resolved sweep and the tool version
                <out>/runs/task=<task>/run-<run_id>.parquet     one row per run (partitioned by task)
                <out>/trajectories/run-<run_id>.parquet         one row per run and evaluation point
                <out>/params/run-<run_id>.parquet               save_params only: one row per saved tensor
                ```

                Any Parquet reader reads them as ordinary datasets, without this tool:

                ```sql
                -- Spark SQL (task comes from the partition directory)
                SELECT task, alpha_init, avg(alpha_final) FROM parquet.`results/smoke/runs` GROUP BY 1, 2;
                -- DuckDB
                SELECT task_name, count(*) FROM read_parquet('results/smoke/runs/*/*.parquet', hive_partitioning = true) GROUP BY 1;
                ```
                ```python
                import pyarrow.dataset as ds
                runs = ds.dataset("results/smoke/runs", format="parquet", partitioning="hive").to_table()
                ```

                Every file is written under a hidden temporary name (starting with `.`, which Spark, DuckDB and
                pyarrow skip) and renamed into place; a run's `runs` file is written last and marks it done, so
                a reader only ever sees complete runs. A run is in `runs/` at most once, whatever Spark retries.
                Figures a run did not measure (a failed run, a diverged run's final spectra, a column the trainer
                does not fill yet) are **null**, never NaN; the `null` column below says which columns can be.
                Names are snake_case and stable: columns are added, never renamed. Readers that combine
                outputs written by different versions (or `--append`ed sweeps over different tasks) should
                merge schemas (`spark.read.option("mergeSchema", true)`, DuckDB `union_by_name = true`).

                Every column has a **role**: `identity` (what the row is), `spec` (a field of the resolved run
                spec: the conditions of the run), `outcome` (what it measured or how it ended) or `provenance`
                (what made it). Every file carries its columns' roles in its Parquet key-value metadata under
                """).append('`').append(ColumnRoles.METADATA_KEY).append('`').append("""
                 (`column:role` pairs, comma-separated, in file order;
                pyarrow: `pq.read_schema(f).metadata[b"dalesweep.roles"]`), so a reader tells spec columns from
                outcomes without this tool's code.

                ### `runs/`

                """);
        List<Column> runs = Table.RUNS.columns();
        section(md, "Identity", runs.stream().filter(c -> c.role() == Role.IDENTITY).toList());
        md.append("""
                The resolved spec, one typed column per field: the spec's YAML keys joined with `_`; network
                and connectivity fields bare; lists are Parquet `LIST<double>`; enums are their YAML names.
                In the file they come after the identity columns, in the spec's order. `task` is not in the
                file but in its path (`runs/task=<name>/`), which Hive-style readers turn into a column.

                """);
        section(md, "Spec", List.of(SpecColumn.values()));
        md.append("""
                A task's own parameters are `task_<param>`, typed by their default; a column of a task not in
                the run is null.

                """);
        section(md, "Task parameters", taskParameters());
        section(md, "Outcomes", runs.stream().filter(c -> c.role() == Role.OUTCOME).toList());
        section(md, "Provenance", runs.stream().filter(c -> c.role() == Role.PROVENANCE).toList());
        md.append("### `trajectories/`\n\n");
        section(md, null, Table.TRAJECTORIES.columns());
        md.append("### `params/` (with `save_params: true`)\n\n");
        section(md, null, Table.PARAMS.columns());
        md.append("""
                ### `boundaries/` (with a `refine:` block)

                Derived from `runs` by `dalesweep refine` (and by `dalesweep run` on a file with a `refine:` block),
                rewritten whole after every refine: one row per grid point and arm. After the columns below come
                the grid point's spec columns, as in `runs` (the axis's own column and `seed` left out).

                """);
        section(md, null, BoundariesColumn.columns());
        md.append("""
                ### `sweep.yaml`

                The resolved sweep: `tool_version`, `sweep`, `fingerprint` (SHA-256 over the name,
                `save_params` and the run ids), `runs`, `grid_points`, `control_runs`, `seeds`, `base` (with
                `--set` applied), `grid`, `exclude`, `controls`, `save_params` and `run_ids`. Running the same
                sweep again resumes; running a sweep with a different fingerprint into the directory is refused
                unless `--append` is given, which records it beside the first as `sweep-<fingerprint>.yaml`.
                """);
        return md.toString();
    }

    /** Every task's parameters as columns, once per name: the first task's doc and type, with the tasks that have it. */
    static List<Column> taskParameters() {
        Map<String, TaskParam> first = new LinkedHashMap<>();
        Map<String, List<String>> tasks = new LinkedHashMap<>();
        for (TaskDefinition d : Tasks.all()) {
            for (TaskParam p : d.params()) {
                first.putIfAbsent(p.key(), p);
                tasks.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(d.name());
            }
        }
        List<Column> columns = new ArrayList<>();
        first.keySet().stream().sorted().forEach(key -> {
            TaskParam p = first.get(key);
            List<String> of = tasks.get(key);
            String where = of.size() == Tasks.all().size() ? "every task"
                    : String.join(", ", of.stream().map(t -> "`" + t + "`").toList());
            columns.add(SpecColumn.taskParameter(key, ColumnType.ofValue(p.defaultValue()), p.doc() + " (" + where + ")"));
        });
        return columns;
    }

    private static void section(StringBuilder md, String title, List<? extends Column> columns) {
        if (title != null) {
            md.append(title).append(":\n\n");
        }
        md.append("| column | type | null | meaning |\n|---|---|---|---|\n");
        for (Column c : columns) {
            md.append("| `").append(c.columnName()).append("` | ").append(c.type().docName().replace("<", "&lt;").replace(">", "&gt;"))
                    .append(" | ").append(c.nullable() ? "yes" : "no").append(" | ")
                    .append(c.meaning().replace("|", "\\|")).append(" |\n");
        }
        md.append('\n');
    }
}
