package dev.wharf.identity.keycloak;

import java.util.List;
import java.util.Map;

/** The parts of a group representation Wharf reads: id, name and attributes. */
public record KeycloakGroup(String id, String name, Map<String, List<String>> attributes) {
    public KeycloakGroup {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The first value of an attribute, if set and not blank. */
    public java.util.Optional<String> attribute(String name) {
        List<String> values = attributes.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(values.get(0));
    }
}
