package org.dalesweep.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the roles of a file's columns travel with the data: the Parquet key-value metadata entry
 * {@value #METADATA_KEY} of every file the writer writes, one {@code column:role} pair per column
 * in file order, comma-separated (names are {@code [a-z0-9_]}), e.g.
 * {@code run_id:identity,sweep:identity,…,seed:spec,…,status:outcome,…,spec_json:provenance}.
 * A {@code runs} file lists its partition column {@code task} too. pyarrow shows it as
 * {@code pq.read_schema(f).metadata[b"dalesweep.roles"]}; a reader needs no model code to tell
 * spec columns from outcomes.
 */
public final class ColumnRoles {

    /** The key of the entry in a Parquet file's key-value metadata. */
    public static final String METADATA_KEY = "dalesweep.roles";

    private ColumnRoles() {
    }

    public static String encode(Map<String, Role> roles) {
        return roles.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The roles in an entry, in order; a pair that is not {@code name:role} with a known role is skipped. */
    public static Map<String, Role> decode(String entry) {
        Map<String, Role> roles = new LinkedHashMap<>();
        if (entry == null || entry.isBlank()) {
            return roles;
        }
        for (String pair : entry.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            try {
                roles.putIfAbsent(pair.substring(0, colon).trim(), Role.parse(pair.substring(colon + 1)));
            } catch (IllegalArgumentException unknownRole) {
                // a role a newer writer knows: the column stays without one
            }
        }
        return roles;
    }
}
