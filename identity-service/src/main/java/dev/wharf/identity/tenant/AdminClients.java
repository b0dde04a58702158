package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * A realm's admin-API client ({@link KeycloakConfig#adminClientId()}) scoped to one realm role. With full scope,
 * Keycloak puts every role of the user into the token, composites expanded: the master realm's {@code admin} holds
 * each tenant realm's management roles, about 600 bytes per tenant, until the bearer header passes the services'
 * limit (issue 17). Creates what is missing and repairs clients made with full scope; idempotent.
 */
@ApplicationScoped
public class AdminClients {
    private static final Logger LOG = Logger.getLogger(AdminClients.class);

    private final KeycloakAdmin keycloak;
    private final String clientId;

    @Inject
    public AdminClients(KeycloakAdmin keycloak, KeycloakConfig config) {
        this.keycloak = keycloak;
        this.clientId = config.adminClientId();
    }

    /** Makes sure {@code realm} has the realm role and the client, and that the role is all the client's scope. */
    public JsonNode ensure(String realm, String role, String description) {
        JsonNode roleRep = ensureRole(realm, role, description);
        JsonNode client = keycloak.client(realm, clientId).orElse(null);
        if (client == null) {
            keycloak.createClient(realm, TenantDefaults.adminClient(clientId));
            LOG.infof("realm %s: created client %s for admin-API tokens", realm, clientId);
            client = keycloak.client(realm, clientId).orElseThrow(() -> new IllegalStateException(
                    "client " + clientId + " missing in realm " + realm + " right after its creation"));
        }
        String id = client.path("id").asText();
        if (client.path("fullScopeAllowed").asBoolean(true)) {
            keycloak.updateClient(realm, id, Map.of("fullScopeAllowed", false));
            LOG.infof("realm %s: client %s no longer has full scope", realm, clientId);
        }
        if (!"true".equals(client.path("attributes").path(TenantDefaults.DEVICE_GRANT_ATTRIBUTE).asText())) {
            // clients made before wharf login existed
            keycloak.updateClient(realm, id, Map.of("attributes",
                    Map.of(TenantDefaults.DEVICE_GRANT_ATTRIBUTE, "true")));
            LOG.infof("realm %s: client %s takes the device grant (wharf login)", realm, clientId);
        }
        if (!keycloak.clientRealmScope(realm, id).contains(role)) {
            keycloak.addClientRealmScope(realm, id, roleRep);
            LOG.infof("realm %s: client %s carries realm role %s", realm, clientId, role);
        }
        return roleRep;
    }

    private JsonNode ensureRole(String realm, String role, String description) {
        var existing = keycloak.realmRole(realm, role);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            keycloak.createRealmRole(realm, role, description);
            LOG.infof("realm %s: created realm role %s", realm, role);
        } catch (KeycloakErrorException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        return keycloak.realmRole(realm, role).orElseThrow(() -> new IllegalStateException(
                "realm role " + role + " missing in realm " + realm + " right after its creation"));
    }
}
