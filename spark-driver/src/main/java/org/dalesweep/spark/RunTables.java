package org.dalesweep.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.dalesweep.linalg.BlasLibrary;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.train.ParamSnapshot;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.TrajectoryPoint;

/**
 * The explicit Parquet schemas of the three output tables (DESIGN §6) and the conversion of a
 * {@link RunResult} into their rows. {@code runs} holds the run's identity, every resolved spec
 * field as a flat typed column ({@link SpecCodec#flatten}), the status and every outcome;
 * {@code trajectories} one row per evaluation; {@code params} one row per saved tensor. Figures a
 * run did not measure (NaN) are written as null. Column names are stable: add, never rename.
 */
public final class RunTables {

    /** The spec column {@code task} lives in the partition path; the file keeps it as {@code task_name}. */
    public static final String TASK_COLUMN = "task";
    public static final String TASK_NAME_COLUMN = "task_name";

    private static final List<String> OUTCOME_DOUBLES = List.of(
            "seconds", "alpha_final", "alpha_min", "alpha_max", "alpha_final_e", "alpha_final_i");
    private static final List<String> OUTCOME_DOUBLES_AFTER_NEURONS = List.of(
            "final_loss", "final_task_loss", "accuracy", "val_accuracy", "dale_norm", "free_norm",
            "spectral_radius_init", "spectral_radius_final", "svd_entropy_init", "svd_entropy_final",
            "daleness_init", "daleness_final", "alpha_delta",
            "pressure_mean", "pressure_t", "pressure_frac_dale", "pressure_late_mean", "pressure_late_t");

    private RunTables() {
    }

    /**
     * The schema of {@code runs} for a set of specs: identity columns, the union of their flat spec
     * columns in order of first appearance (a column one task lacks is null for its runs), then the
     * outcomes and provenance.
     */
    public static MessageType runsSchema(List<RunSpec> specs, SpecCodec codec) throws SchemaConflictException {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (RunSpec spec : specs) {
            for (Map.Entry<String, Object> e : codec.flatten(spec).entrySet()) {
                Object seen = columns.putIfAbsent(e.getKey(), e.getValue());
                if (seen != null && !seen.getClass().equals(e.getValue().getClass())
                        && !(seen instanceof List && e.getValue() instanceof List)) {
                    throw new SchemaConflictException("column " + e.getKey() + " is " + seen.getClass().getSimpleName()
                            + " for one run and " + e.getValue().getClass().getSimpleName() + " for another");
                }
            }
        }
        List<Type> fields = new ArrayList<>();
        fields.add(string("run_id", true));
        fields.add(string("sweep", true));
        fields.add(string(TASK_NAME_COLUMN, true));
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            if (!e.getKey().equals(TASK_COLUMN)) {
                fields.add(specColumn(e.getKey(), e.getValue()));
            }
        }
        fields.add(string("arm", true));
        fields.add(string("status", true));
        fields.add(string("message", true));
        fields.add(string("stop_reason", false));
        fields.add(Types.optional(PrimitiveTypeName.INT32).named("iterations"));
        OUTCOME_DOUBLES.forEach(n -> fields.add(Types.optional(PrimitiveTypeName.DOUBLE).named(n)));
        fields.add(doubleList("alpha_neurons"));
        OUTCOME_DOUBLES_AFTER_NEURONS.forEach(n -> fields.add(Types.optional(PrimitiveTypeName.DOUBLE).named(n)));
        fields.add(Types.optional(PrimitiveTypeName.INT32).named("trajectory_points"));
        fields.add(string("tool_version", true));
        fields.add(string("blas_library", true));
        fields.add(string("spec_json", true));
        return new MessageType("run", fields);
    }

    /** The schema of {@code trajectories}: the run id and every {@link TrajectoryPoint} field. */
    public static MessageType trajectorySchema() {
        List<Type> fields = new ArrayList<>();
        fields.add(string("run_id", true));
        fields.add(Types.required(PrimitiveTypeName.INT32).named("iteration"));
        for (String n : List.of("seconds", "alpha_mean", "alpha_min", "alpha_max", "train_loss", "eval_loss",
                "eval_task_loss", "accuracy", "grad_norm", "alpha_grad_norm", "pressure_mean", "pressure_se",
                "pressure_task_mean", "pressure_reg_mean", "pressure_frac_dale", "pressure_e_mean", "pressure_i_mean")) {
            fields.add(Types.optional(PrimitiveTypeName.DOUBLE).named(n));
        }
        return new MessageType("trajectory_point", fields);
    }

    /** The schema of {@code params}: one saved tensor per row, values column-major. */
    public static MessageType paramsSchema() {
        return new MessageType("param", List.of(
                string("run_id", true),
                string("stage", true),
                string("name", true),
                Types.required(PrimitiveTypeName.INT32).named("rows"),
                Types.required(PrimitiveTypeName.INT32).named("cols"),
                string("shape", true),
                doubleList("values")));
    }

    private static Type string(String name, boolean required) {
        return (required ? Types.required(PrimitiveTypeName.BINARY) : Types.optional(PrimitiveTypeName.BINARY))
                .as(LogicalTypeAnnotation.stringType()).named(name);
    }

    private static Type doubleList(String name) {
        return Types.optionalList().requiredElement(PrimitiveTypeName.DOUBLE).named(name);
    }

    private static Type specColumn(String name, Object sample) throws SchemaConflictException {
        if (sample instanceof Integer) {
            return Types.optional(PrimitiveTypeName.INT32).named(name);
        }
        if (sample instanceof Long) {
            return Types.optional(PrimitiveTypeName.INT64).named(name);
        }
        if (sample instanceof Double) {
            return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        }
        if (sample instanceof Boolean) {
            return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
        }
        if (sample instanceof String) {
            return string(name, false);
        }
        if (sample instanceof List) {
            return doubleList(name);
        }
        throw new SchemaConflictException("column " + name + ": no Parquet type for " + sample.getClass().getSimpleName());
    }

    // ------------------------------------------------------------------ rows

    /** The {@code runs} row of a result, in the given schema (from {@link #runsSchema}). */
    public static Group runRow(MessageType schema, RunResult r, String runId, String sweep, String specJson,
                               SpecCodec codec) {
        Group g = new SimpleGroupFactory(schema).newGroup();
        g.append("run_id", runId);
        g.append("sweep", sweep);
        g.append(TASK_NAME_COLUMN, r.spec().task().name());
        for (Map.Entry<String, Object> e : codec.flatten(r.spec()).entrySet()) {
            if (!e.getKey().equals(TASK_COLUMN)) {
                if (!schema.containsField(e.getKey())) {
                    throw new IllegalArgumentException("the runs schema lacks spec column " + e.getKey());
                }
                appendValue(g, e.getKey(), e.getValue());
            }
        }
        g.append("arm", r.spec().arm().toString());
        g.append("status", r.status().name());
        g.append("message", r.message());
        if (r.stopReason() != null) {
            g.append("stop_reason", r.stopReason());
        }
        g.append("iterations", r.iterations());
        double[] early = {r.seconds(), r.alphaFinal(), r.alphaMin(), r.alphaMax(), r.alphaFinalE(), r.alphaFinalI()};
        for (int i = 0; i < early.length; i++) {
            appendDouble(g, OUTCOME_DOUBLES.get(i), early[i]);
        }
        appendList(g, "alpha_neurons", r.alphaNeurons());
        double[] late = {r.finalLoss(), r.finalTaskLoss(), r.accuracy(), r.valAccuracy(), r.daleNorm(), r.freeNorm(),
                r.spectralRadiusInit(), r.spectralRadiusFinal(), r.svdEntropyInit(), r.svdEntropyFinal(),
                r.dalenessInit(), r.dalenessFinal(), r.alphaFinal() - r.alphaInit(),
                r.pressure().mean(), r.pressure().t(), r.pressure().fracDale(), r.pressure().lateMean(),
                r.pressure().lateT()};
        for (int i = 0; i < late.length; i++) {
            appendDouble(g, OUTCOME_DOUBLES_AFTER_NEURONS.get(i), late[i]);
        }
        g.append("trajectory_points", r.trajectory().size());
        g.append("tool_version", r.toolVersion() == null ? "unknown" : r.toolVersion());
        g.append("blas_library", BlasLibrary.identity());
        g.append("spec_json", specJson);
        return g;
    }

    /** The {@code trajectories} rows of a result. */
    public static List<Group> trajectoryRows(MessageType schema, String runId, List<TrajectoryPoint> points) {
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>();
        for (TrajectoryPoint p : points) {
            Group g = f.newGroup();
            g.append("run_id", runId);
            g.append("iteration", p.iteration());
            appendDouble(g, "seconds", p.seconds());
            appendDouble(g, "alpha_mean", p.alphaMean());
            appendDouble(g, "alpha_min", p.alphaMin());
            appendDouble(g, "alpha_max", p.alphaMax());
            appendDouble(g, "train_loss", p.trainLoss());
            appendDouble(g, "eval_loss", p.evalLoss());
            appendDouble(g, "eval_task_loss", p.evalTaskLoss());
            appendDouble(g, "accuracy", p.accuracy());
            appendDouble(g, "grad_norm", p.gradNorm());
            appendDouble(g, "alpha_grad_norm", p.alphaGradNorm());
            appendDouble(g, "pressure_mean", p.pressure().mean());
            appendDouble(g, "pressure_se", p.pressure().se());
            appendDouble(g, "pressure_task_mean", p.pressure().taskMean());
            appendDouble(g, "pressure_reg_mean", p.pressure().regMean());
            appendDouble(g, "pressure_frac_dale", p.pressure().fracDale());
            appendDouble(g, "pressure_e_mean", p.pressure().eMean());
            appendDouble(g, "pressure_i_mean", p.pressure().iMean());
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
            g.append("run_id", runId);
            g.append("stage", p.stage());
            g.append("name", p.name());
            g.append("rows", p.rows());
            g.append("cols", p.cols());
            g.append("shape", p.rows() + "x" + p.cols());
            Group list = g.addGroup("values");
            for (double v : p.values()) {
                list.addGroup("list").append("element", v);
            }
            rows.add(g);
        }
        return rows;
    }

    private static void appendDouble(Group g, String name, double v) {
        if (!Double.isNaN(v)) {
            g.append(name, v);
        }
    }

    private static void appendList(Group g, String name, List<?> values) {
        Group list = g.addGroup(name);
        for (Object v : values) {
            list.addGroup("list").append("element", ((Number) v).doubleValue());
        }
    }

    private static void appendValue(Group g, String name, Object v) {
        if (v instanceof Integer i) {
            g.append(name, i);
        } else if (v instanceof Long l) {
            g.append(name, l);
        } else if (v instanceof Double d) {
            appendDouble(g, name, d);
        } else if (v instanceof Boolean b) {
            g.append(name, b);
        } else if (v instanceof List<?> list) {
            appendList(g, name, list);
        } else {
            g.append(name, String.valueOf(v));
        }
    }
}
