package dev.wharf.identity.authn;

import dev.wharf.tenancy.AttributeValues;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.identity.Principal;
import dev.wharf.tenancy.UserAttributes;
import dev.wharf.identity.tenant.TenantDirectory;

import java.util.Optional;
import java.util.function.Function;

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
        return principal(tenant, requestedUsername, claims, Optional::ofNullable, g -> Optional.of(g.replaceFirst("^/", "")));
    }

    /** The principal with Keycloak's user and group names turned into the tenant's ({@link TenantDirectory}). */
    static Principal principal(String tenant, String requestedUsername, JsonNode claims, TenantDirectory directory) {
        return principal(tenant, requestedUsername, claims, n -> directory.wharfUsername(tenant, n),
                g -> directory.groupName(tenant, g));
    }

    private static Principal principal(String tenant, String requestedUsername, JsonNode claims,
                                       Function<String, Optional<String>> userName,
                                       Function<String, Optional<String>> groupName) {
        String username = userName.apply(text(claims, "preferred_username", null)).orElse(requestedUsername);
        String home = text(claims, UserAttributes.HOME_CLAIM, UserAttributes.defaultHome(username));
        List<String> groups = new ArrayList<>();
        JsonNode g = claims.path(UserAttributes.GROUPS_CLAIM);
        if (g.isArray()) {
            g.forEach(n -> groupName.apply(n.asText()).ifPresent(groups::add));
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
