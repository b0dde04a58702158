package dev.wharf.core.quota;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one wire spelling of a set of named limits in grants and answers ({@link Quota}, the rate limits of
 * {@link dev.wharf.core.bandwidth.Bandwidth}): an object of the limits that are set, absent names unlimited.
 */
public final class WireLimits {
    /** No limit. */
    public static final long UNLIMITED = -1;

    private WireLimits() {
    }

    /** The limits that are set, by name, in the order given ({@code names[i]} is the name of {@code values[i]}). */
    public static Map<String, Long> toWire(String[] names, long... values) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] != UNLIMITED) {
                m.put(names[i], values[i]);
            }
        }
        return m;
    }

    /** The limit named {@code name} in {@code wire}, or {@link #UNLIMITED}; 400 when it is not a whole number. */
    public static long read(Map<?, ?> wire, String name) {
        Object v = wire.get(name);
        if (v == null) {
            return UNLIMITED;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new WharfException(Reason.BAD_REQUEST, "a limit is a whole number: got '" + v + "'");
        }
    }
}
