package org.dalesweep.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.dalesweep.spec.Checks;

/**
 * A sweep file as read (DESIGN §5): its name, where its output goes by default ({@code null}:
 * {@code results/<name>}), the replicate seeds, the base settings shared by every run (a spec
 * settings tree, overrides applied), the grid axes in file order, the exclude rules, the control
 * arms added to every learned grid point ({@code frozen}: alpha = 0 and alpha = 1; {@code twin}: the
 * unconstrained twin), whether parameters are saved, and the {@code refine:} block ({@code null}
 * without one: DESIGN §5.4).
 */
public record SweepSpec(String name, String output, List<Long> seeds, ObjectNode base, List<Axis> axes,
                        List<Exclusion> exclusions, List<Control> controls, boolean saveParams, Refine refine) {

    /** What a sweep name may contain: it names directories and a column value. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

    public SweepSpec {
        Checks c = new Checks("")
                .notNull("sweep", name)
                .notNull("seeds", seeds)
                .notNull("base", base)
                .notNull("grid", axes)
                .notNull("exclude", exclusions)
                .notNull("controls", controls);
        c.done();
        c.require(NAME.matcher(name).matches(), "sweep", name, "must match " + NAME.pattern())
                .require(!seeds.isEmpty(), "seeds", seeds, "needs at least one seed");
        for (long s : seeds) {
            c.require(s >= 0, "seeds", s, "every seed must be >= 0");
        }
        c.require(new HashSet<>(seeds).size() == seeds.size(), "seeds", seeds, "must not repeat a seed");
        c.require(axes.stream().map(Axis::key).distinct().count() == axes.size(), "grid",
                axes.stream().map(Axis::key).toList(), "must not repeat an axis");
        for (Exclusion x : exclusions) {
            for (String key : x.match().keySet()) {
                c.require(axes.stream().anyMatch(a -> a.key().equals(key)), "exclude." + key, key, "must name an axis");
            }
        }
        c.require(refine == null || axes.stream().noneMatch(a -> a.key().equals(refine.axis())), "refine.axis",
                refine == null ? null : refine.axis(), "is also a grid axis; the refine searches it per grid point");
        c.done();
        seeds = List.copyOf(seeds);
        base = base.deepCopy();
        axes = List.copyOf(axes);
        exclusions = List.copyOf(exclusions);
        controls = List.copyOf(controls);
    }

    @Override
    public ObjectNode base() {
        return base.deepCopy();
    }

    /** A sweep as before refine blocks existed: without one. */
    public SweepSpec(String name, String output, List<Long> seeds, ObjectNode base, List<Axis> axes,
                     List<Exclusion> exclusions, List<Control> controls, boolean saveParams) {
        this(name, output, seeds, base, axes, exclusions, controls, saveParams, null);
    }

    /** True when the sweep adds the given control arm. */
    public boolean adds(Control control) {
        return controls.contains(control);
    }

    /** The output directory: the file's {@code output}, else {@code results/<name>}. */
    public String outputOrDefault() {
        return output != null ? output : "results/" + name;
    }
}
