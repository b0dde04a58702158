package dev.wharf.tenancy;

import java.util.Arrays;
import java.util.List;

/** How a setting is spelled in a Keycloak attribute value: lists comma-separated, flags {@code true}/{@code false}. */
public final class AttributeValues {
    private AttributeValues() {
    }

    /** The entries of a comma-separated attribute value, trimmed, blanks dropped. */
    public static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A list as one attribute value; null for an empty list, which the writers turn into "no attribute". */
    public static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /** A flag: {@code true} in any case and with blanks around is true, anything else (or nothing) false. */
    public static boolean flag(String value) {
        return value != null && "true".equalsIgnoreCase(value.strip());
    }
}
