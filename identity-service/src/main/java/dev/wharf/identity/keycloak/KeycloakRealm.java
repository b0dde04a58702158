package dev.wharf.identity.keycloak;

import java.util.Map;

/**
 * The parts of a realm representation Wharf reads: name, enabled, attributes (where site settings live) and
 * whether Keycloak's own brute-force lockout is on.
 */
public record KeycloakRealm(String name, boolean enabled, Map<String, String> attributes,
                            boolean bruteForceProtected) {
    public KeycloakRealm {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public KeycloakRealm(String name, boolean enabled, Map<String, String> attributes) {
        this(name, enabled, attributes, false);
    }
}
