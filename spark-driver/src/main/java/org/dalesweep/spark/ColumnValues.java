package org.dalesweep.spark;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.dalesweep.schema.Column;

/**
 * The value of every declared column of a table, computed from one source row: exactly one
 * extractor per column constant, which {@link Builder#build} enforces (a column declared in
 * output-schema without its computation here, or with two, fails when the class loads, long
 * before a sweep writes a row). An extractor returns the column's Java value (String, Boolean,
 * Integer, Long, Double or a List of Doubles), or null or NaN for a figure not measured.
 */
final class ColumnValues<C extends Enum<C> & Column, R> {

    private final Map<C, Function<R, Object>> extractors;

    private ColumnValues(Map<C, Function<R, Object>> extractors) {
        this.extractors = extractors;
    }

    static <C extends Enum<C> & Column, R> Builder<C, R> of(Class<C> columns) {
        return new Builder<>(columns);
    }

    Object value(C column, R row) {
        return extractors.get(column).apply(row);
    }

    Set<C> columns() {
        return extractors.keySet();
    }

    static final class Builder<C extends Enum<C> & Column, R> {
        private final Class<C> columns;
        private final EnumMap<C, Function<R, Object>> extractors;

        private Builder(Class<C> columns) {
            this.columns = columns;
            this.extractors = new EnumMap<>(columns);
        }

        Builder<C, R> put(C column, Function<R, Object> extractor) {
            if (extractors.put(column, extractor) != null) {
                throw new IllegalStateException("column " + column.columnName() + " has two extractors");
            }
            return this;
        }

        ColumnValues<C, R> build() {
            EnumSet<C> missing = EnumSet.allOf(columns);
            missing.removeAll(extractors.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("declared columns without a value: "
                        + missing.stream().map(Column::columnName).toList());
            }
            return new ColumnValues<>(new EnumMap<>(extractors));
        }
    }
}
