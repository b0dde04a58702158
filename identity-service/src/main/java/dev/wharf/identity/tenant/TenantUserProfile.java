package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a tenant realm's user profile up to {@link TenantDefaults#userProfile}: tenants created when the profile
 * let users edit their own {@code wharf.*} attributes are repaired at start. A realm already right is not written.
 */
@ApplicationScoped
public class TenantUserProfile {
    private static final Logger LOG = Logger.getLogger(TenantUserProfile.class);

    private final KeycloakAdmin keycloak;

    @Inject
    public TenantUserProfile(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    /** Rewrites the tenant's user profile if it differs from Wharf's; true when it did. */
    public boolean ensure(String tenant) {
        JsonNode current = keycloak.userProfile(tenant);
        JsonNode wanted = TenantDefaults.userProfile(current);
        if (wanted.equals(current)) {
            LOG.debugf("tenant %s: user profile up to date", tenant);
            return false;
        }
        keycloak.updateUserProfile(tenant, wanted);
        LOG.infof("tenant %s: user profile brought up to date: %s", tenant,
                String.join("; ", changes(current, wanted)));
        return true;
    }

    /** What {@link #ensure} changes from {@code current} to {@code wanted}, for the log. */
    static List<String> changes(JsonNode current, JsonNode wanted) {
        List<String> out = new ArrayList<>();
        String policy = current.path("unmanagedAttributePolicy").asText("DISABLED");
        if (!policy.equals(TenantDefaults.UNMANAGED_ATTRIBUTE_POLICY)) {
            out.add("unmanaged attributes " + policy + " -> " + TenantDefaults.UNMANAGED_ATTRIBUTE_POLICY);
        }
        List<String> changed = new ArrayList<>();
        for (JsonNode a : wanted.path("attributes")) {
            String name = a.path("name").asText();
            if (!declaration(current, name).equals(a)) {
                changed.add(name);
            }
        }
        if (!changed.isEmpty()) {
            out.add("attributes declared anew " + changed);
        }
        return out;
    }

    private static JsonNode declaration(JsonNode profile, String name) {
        for (JsonNode a : profile.path("attributes")) {
            if (name.equals(a.path("name").asText())) {
                return a;
            }
        }
        return MissingNode.getInstance();
    }
}
