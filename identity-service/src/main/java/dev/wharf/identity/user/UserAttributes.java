package dev.wharf.identity.user;

import java.util.Arrays;
import java.util.List;

/** The Keycloak user attributes Wharf keeps, and the access-token claims they are mapped to. */
public final class UserAttributes {
    /** Home folder, absolute inside the tenant's namespace; default {@code /<username>}. */
    public static final String HOME = "wharf.home";
    /** Allowed protocols, comma-separated wire names; absent = no user-level restriction. */
    public static final String PROTOCOLS = "wharf.protocols";
    /** Allowed client address ranges (CIDR), comma-separated; absent = any address. */
    public static final String CIDRS = "wharf.cidrs";

    // Claim names without dots: Keycloak reads a dot in a claim name as nesting.
    public static final String HOME_CLAIM = "wharf_home";
    public static final String PROTOCOLS_CLAIM = "wharf_protocols";
    public static final String CIDRS_CLAIM = "wharf_cidrs";
    public static final String GROUPS_CLAIM = "groups";

    private UserAttributes() {
    }

    /** The entries of a comma-separated attribute value, trimmed, blanks dropped. */
    public static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The default home folder of a user. */
    public static String defaultHome(String username) {
        return "/" + username;
    }
}
