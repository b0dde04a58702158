package dev.wharf.identity.keycloak;

import java.util.Map;

/** The parts of a realm representation Wharf reads: name, enabled, and attributes (where site settings live). */
public record KeycloakRealm(String name, boolean enabled, Map<String, String> attributes) {
    public KeycloakRealm {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
