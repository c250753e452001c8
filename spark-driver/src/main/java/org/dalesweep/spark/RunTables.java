package org.dalesweep.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ColumnRoles;
import org.dalesweep.schema.ColumnType;
import org.dalesweep.schema.ParamsColumn;
import org.dalesweep.schema.Role;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.Table;
import org.dalesweep.schema.TrajectoriesColumn;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.train.ParamSnapshot;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.TrajectoryPoint;

/**
 * The Parquet schemas of the three output tables, made from their declaration in output-schema
 * ({@link Table}), and the conversion of a {@link RunResult} into their rows, each value computed by
 * {@link RowValues}. {@code runs} holds the identity columns, every resolved spec field as a flat
 * typed column ({@link SpecCodec#flatten}, each declared as a {@link SpecColumn} or a task
 * parameter), then the outcomes and provenance. Figures a run did not measure (NaN) are written as
 * null. Every file carries its columns' roles in its key-value metadata ({@link #metadata}).
 */
public final class RunTables {

    /** The spec column {@code task} lives in the partition path; the file keeps it as {@code task_name}. */
    public static final String TASK_COLUMN = SpecColumn.TASK.columnName();

    private RunTables() {
    }

    /**
     * The schema of {@code runs} for a set of specs: identity columns, the union of their flat spec
     * columns in order of first appearance (a column one task lacks is null for its runs), then the
     * outcomes and provenance.
     *
     * @throws SchemaConflictException when a flat spec field has two types across the specs, or is
     *                                 neither a declared {@link SpecColumn} (of its declared type) nor a task parameter
     */
    public static MessageType runsSchema(List<RunSpec> specs, SpecCodec codec) throws SchemaConflictException {
        Map<String, Column> spec = specColumns(specs, codec);
        List<Type> fields = new ArrayList<>();
        for (Column c : Table.RUNS.columns()) {
            if (c.role() == Role.IDENTITY) {
                fields.add(parquetType(c));
            }
        }
        for (Column c : spec.values()) {
            if (!c.columnName().equals(TASK_COLUMN)) {
                fields.add(parquetType(c));
            }
        }
        for (Column c : Table.RUNS.columns()) {
            if (c.role() != Role.IDENTITY) {
                fields.add(parquetType(c));
            }
        }
        return new MessageType(Table.RUNS.messageName(), fields);
    }

    /** The spec columns of a set of specs, in order of first appearance, each with its declaration. */
    static Map<String, Column> specColumns(List<RunSpec> specs, SpecCodec codec) throws SchemaConflictException {
        Map<String, Object> samples = new LinkedHashMap<>();
        for (RunSpec spec : specs) {
            for (Map.Entry<String, Object> e : codec.flatten(spec).entrySet()) {
                Object seen = samples.putIfAbsent(e.getKey(), e.getValue());
                if (seen != null && !seen.getClass().equals(e.getValue().getClass())
                        && !(seen instanceof List && e.getValue() instanceof List)) {
                    throw new SchemaConflictException("column " + e.getKey() + " is " + seen.getClass().getSimpleName()
                            + " for one run and " + e.getValue().getClass().getSimpleName() + " for another");
                }
            }
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : samples.entrySet()) {
            columns.put(e.getKey(), specColumn(e.getKey(), e.getValue()));
        }
        return columns;
    }

    /** The declaration of a flat spec field, checked against the value the spec gives it. */
    static Column specColumn(String name, Object sample) throws SchemaConflictException {
        ColumnType type;
        try {
            type = ColumnType.ofValue(sample);
        } catch (IllegalArgumentException e) {
            throw new SchemaConflictException("column " + name + ": " + e.getMessage());
        }
        Optional<SpecColumn> declared = SpecColumn.named(name);
        if (declared.isPresent()) {
            if (declared.get().type() != type) {
                throw new SchemaConflictException("spec column " + name + " is declared " + declared.get().type().docName()
                        + " (output-schema SpecColumn) but the spec gives " + type.docName());
            }
            return declared.get();
        }
        if (SpecColumn.isTaskParameter(name)) {
            return SpecColumn.taskParameter(name.substring(SpecColumn.TASK_PARAMETER_PREFIX.length()), type, "");
        }
        throw new SchemaConflictException("the spec field " + name + " has no column: declare it in output-schema's SpecColumn");
    }

    /** The schema of {@code trajectories}: the declared columns. */
    public static MessageType trajectorySchema() {
        return declaredSchema(Table.TRAJECTORIES);
    }

    /** The schema of {@code params}: one saved tensor per row, values column-major. */
    public static MessageType paramsSchema() {
        return declaredSchema(Table.PARAMS);
    }

    private static MessageType declaredSchema(Table table) {
        return new MessageType(table.messageName(), table.columns().stream().map(RunTables::parquetType).toList());
    }

    /** The Parquet type of a declared column: required unless nullable; strings as STRING, lists as LIST of required doubles. */
    static Type parquetType(Column c) {
        String name = c.columnName();
        boolean required = !c.nullable();
        return switch (c.type()) {
            case STRING -> primitive(PrimitiveTypeName.BINARY, required).as(LogicalTypeAnnotation.stringType()).named(name);
            case BOOLEAN -> primitive(PrimitiveTypeName.BOOLEAN, required).named(name);
            case INT32 -> primitive(PrimitiveTypeName.INT32, required).named(name);
            case INT64 -> primitive(PrimitiveTypeName.INT64, required).named(name);
            case DOUBLE -> primitive(PrimitiveTypeName.DOUBLE, required).named(name);
            case DOUBLE_LIST -> (required ? Types.requiredList() : Types.optionalList())
                    .requiredElement(PrimitiveTypeName.DOUBLE).named(name);
        };
    }

    private static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive(PrimitiveTypeName t,
                                                                                           boolean required) {
        return required ? Types.required(t) : Types.optional(t);
    }

    /**
     * The key-value metadata of a table's file: the role of every column of its schema
     * ({@link ColumnRoles}), the partition column included. A {@code runs} column that is not a
     * declared non-spec column is a spec column: {@link #runsSchema} made it from the spec.
     */
    public static Map<String, String> metadata(Table table, MessageType schema) {
        Map<String, Role> roles = new LinkedHashMap<>();
        for (Type f : schema.getFields()) {
            roles.put(f.getName(), table.declaredRole(f.getName()).orElse(table == Table.RUNS ? Role.SPEC : Role.OUTCOME));
        }
        table.partitionColumn().ifPresent(p -> roles.put(p.columnName(), p.role()));
        return Map.of(ColumnRoles.METADATA_KEY, ColumnRoles.encode(roles));
    }

    // ------------------------------------------------------------------ rows

    /** The {@code runs} row of a result, in the given schema (from {@link #runsSchema}). */
    public static Group runRow(MessageType schema, RunResult r, String runId, String sweep, String specJson,
                               SpecCodec codec) {
        Group g = new SimpleGroupFactory(schema).newGroup();
        RowValues.RunRow row = new RowValues.RunRow(r, runId, sweep, specJson);
        Map<String, Object> spec = codec.flatten(r.spec());
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            if (!e.getKey().equals(TASK_COLUMN) && !schema.containsField(e.getKey())) {
                throw new IllegalArgumentException("the runs schema lacks spec column " + e.getKey());
            }
        }
        for (Type f : schema.getFields()) {
            Optional<RunsColumn> declared = RunsColumn.named(f.getName());
            if (declared.isPresent()) {
                append(g, declared.get(), RowValues.RUNS.value(declared.get(), row));
            } else {
                Object v = spec.get(f.getName());
                if (v != null) {
                    append(g, Column.of(f.getName(), ColumnType.ofValue(v), Role.SPEC, true, ""), v);
                }
            }
        }
        return g;
    }

    /** The {@code trajectories} rows of a result. */
    public static List<Group> trajectoryRows(MessageType schema, String runId, List<TrajectoryPoint> points) {
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>();
        for (TrajectoryPoint p : points) {
            Group g = f.newGroup();
            RowValues.PointRow row = new RowValues.PointRow(runId, p);
            for (TrajectoriesColumn c : TrajectoriesColumn.values()) {
                append(g, c, RowValues.TRAJECTORIES.value(c, row));
            }
            rows.add(g);
        }
        return rows;
    }

    /** The {@code params} rows of a result. */
    public static List<Group> paramRows(MessageType schema, String runId, List<ParamSnapshot> params) {
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>();
        for (ParamSnapshot p : params) {
            Group g = f.newGroup();
            RowValues.ParamRow row = new RowValues.ParamRow(runId, p);
            for (ParamsColumn c : ParamsColumn.values()) {
                append(g, c, RowValues.PARAMS.value(c, row));
            }
            rows.add(g);
        }
        return rows;
    }

    /** Appends a column's value: null and NaN (not measured) leave it null, which a required column refuses. */
    static void append(Group g, Column c, Object v) {
        String name = c.columnName();
        if (v == null || v instanceof Double d && d.isNaN()) {
            if (!c.nullable()) {
                throw new IllegalStateException("the required column " + name + " has no value");
            }
            return;
        }
        if (!c.type().accepts(v)) {
            throw new IllegalStateException("column " + name + " is " + c.type().docName() + ", its value is a "
                    + v.getClass().getSimpleName() + ": " + v);
        }
        switch (c.type()) {
            case STRING -> g.append(name, (String) v);
            case BOOLEAN -> g.append(name, (Boolean) v);
            case INT32 -> g.append(name, (Integer) v);
            case INT64 -> g.append(name, (Long) v);
            case DOUBLE -> g.append(name, (Double) v);
            case DOUBLE_LIST -> {
                Group list = g.addGroup(name);
                for (Object x : (List<?>) v) {
                    list.addGroup("list").append("element", (Double) x);
                }
            }
        }
    }
}
