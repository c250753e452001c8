package org.dalesweep.schema;

import static org.dalesweep.schema.ColumnType.DOUBLE_LIST;
import static org.dalesweep.schema.ColumnType.INT32;
import static org.dalesweep.schema.ColumnType.STRING;
import static org.dalesweep.schema.Role.IDENTITY;
import static org.dalesweep.schema.Role.OUTCOME;

import java.util.Locale;

/** The columns of {@code params} (with {@code save_params: true}): one saved tensor per row, in the order of the file. */
public enum ParamsColumn implements Column {
    RUN_ID(STRING, IDENTITY, false, "the run"),
    STAGE(STRING, IDENTITY, false, "`init` or `final`"),
    NAME(STRING, IDENTITY, false, "the parameter (e.g. `w_free`)"),
    ROWS(INT32, OUTCOME, false, "its number of rows"),
    COLS(INT32, OUTCOME, false, "its number of columns"),
    SHAPE(STRING, OUTCOME, false, "the shape as `RxC`"),
    VALUES(DOUBLE_LIST, OUTCOME, true, "the values, column-major"),
    ;

    private final ColumnType type;
    private final Role role;
    private final boolean nullable;
    private final String meaning;

    ParamsColumn(ColumnType type, Role role, boolean nullable, String meaning) {
        this.type = type;
        this.role = role;
        this.nullable = nullable;
        this.meaning = meaning;
    }

    @Override
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public ColumnType type() {
        return type;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public boolean nullable() {
        return nullable;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
