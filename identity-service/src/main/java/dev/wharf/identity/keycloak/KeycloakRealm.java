package dev.wharf.identity.keycloak;

import java.util.Map;

/**
 * The parts of a realm representation Wharf reads: name, enabled, attributes (where site settings live) and
 * whether Keycloak's own brute-force lockout and its Organizations are on.
 */
public record KeycloakRealm(String name, boolean enabled, Map<String, String> attributes,
                            boolean bruteForceProtected, boolean organizationsEnabled) {
    public KeycloakRealm {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public KeycloakRealm(String name, boolean enabled, Map<String, String> attributes) {
        this(name, enabled, attributes, false, false);
    }
}
