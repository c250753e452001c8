package org.dalesweep.schema;

import static org.dalesweep.schema.ColumnType.DOUBLE_LIST;
import static org.dalesweep.schema.ColumnType.INT32;
import static org.dalesweep.schema.ColumnType.STRING;
import static org.dalesweep.schema.Role.IDENTITY;
import static org.dalesweep.schema.Role.OUTCOME;

import java.util.Locale;

/** The columns of {@code params} (with {@code save_params: true}): one saved tensor per row, in the order of the file. */
public enum ParamsColumn implements Column.Constant {
    RUN_ID(STRING, IDENTITY, false, "the run"),
    STAGE(STRING, IDENTITY, false, "`init` or `final`"),
    NAME(STRING, IDENTITY, false, "the parameter (e.g. `w_free`)"),
    ROWS(INT32, OUTCOME, false, "its number of rows"),
    COLS(INT32, OUTCOME, false, "its number of columns"),
    SHAPE(STRING, OUTCOME, false, "the shape as `RxC`"),
    VALUES(DOUBLE_LIST, OUTCOME, true, "the values, column-major"),
    ;

    private final Column declared;

    ParamsColumn(ColumnType type, Role role, boolean nullable, String meaning) {
        declared = Column.of(name().toLowerCase(Locale.ROOT), type, role, nullable, meaning);
    }

    @Override
    public Column declared() {
        return declared;
    }
}
