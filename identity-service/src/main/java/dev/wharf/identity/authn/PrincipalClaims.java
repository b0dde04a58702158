package dev.wharf.identity.authn;

import dev.wharf.tenancy.AttributeValues;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.identity.Principal;
import dev.wharf.tenancy.UserAttributes;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Principal} from the access token the tenant's {@code wharf-gateway} client issues. */
final class PrincipalClaims {
    private PrincipalClaims() {
    }

    /**
     * @param requestedUsername the name the client typed, used only when the token lacks {@code preferred_username}
     */
    static Principal principal(String tenant, String requestedUsername, JsonNode claims) {
        String username = text(claims, "preferred_username", requestedUsername);
        String home = text(claims, UserAttributes.HOME_CLAIM, UserAttributes.defaultHome(username));
        List<String> groups = new ArrayList<>();
        JsonNode g = claims.path(UserAttributes.GROUPS_CLAIM);
        if (g.isArray()) {
            g.forEach(n -> groups.add(n.asText().replaceFirst("^/", "")));
        }
        return new Principal(tenant, username, text(claims, "sub", null), groups, home,
                AttributeValues.split(text(claims, UserAttributes.PROTOCOLS_CLAIM, null)),
                AttributeValues.split(text(claims, UserAttributes.CIDRS_CLAIM, null)));
    }

    private static String text(JsonNode claims, String name, String fallback) {
        JsonNode v = claims.get(name);
        return v == null || v.isNull() || v.asText().isBlank() ? fallback : v.asText();
    }
}
