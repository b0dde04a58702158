package dev.wharf.web.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.WireJson;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The realm roles of a Keycloak access token ({@code realm_access.roles}). The token came to this gateway straight
 * from Keycloak's token endpoint (code flow over TLS) and lives in the encrypted session cookie, so its payload is
 * read without checking the signature again; what it opens is checked by the service it is sent to.
 */
public final class TokenRoles {
    private TokenRoles() {
    }

    /** The roles; none for anything that is not a JWT with that claim. */
    public static Set<String> of(String token) {
        Set<String> roles = new LinkedHashSet<>();
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return roles;
        }
        try {
            JsonNode payload = WireJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            payload.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
        return roles;
    }
}
