package dev.wharf.identity.keycloak;

import java.util.List;
import java.util.Map;

/**
 * The parts of a user representation Wharf reads.
 *
 * @param totp Keycloak's {@code totp} field: the user has an OTP credential (full representations only)
 */
public record KeycloakUser(String id, String username, boolean enabled, Map<String, List<String>> attributes,
                           List<String> requiredActions, boolean totp) {
    public KeycloakUser {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        requiredActions = requiredActions == null ? List.of() : List.copyOf(requiredActions);
    }

    public KeycloakUser(String id, String username, boolean enabled, Map<String, List<String>> attributes,
                        List<String> requiredActions) {
        this(id, username, enabled, attributes, requiredActions, false);
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
