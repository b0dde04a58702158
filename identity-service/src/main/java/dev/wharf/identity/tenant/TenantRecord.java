package dev.wharf.identity.tenant;

import java.util.Map;

/** A tenant as Keycloak keeps it: its id, whether it is enabled, and its settings ({@code wharf.*} attributes). */
public record TenantRecord(String id, boolean enabled, Map<String, String> attributes) {
    public TenantRecord {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
