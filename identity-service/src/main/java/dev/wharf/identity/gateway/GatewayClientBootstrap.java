package dev.wharf.identity.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.api.auth.GatewayCredential;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the gateways' service account exist as configured, idempotently: realm role
 * {@link GatewayCredential#ROLE} in the admin realm, a confidential client with service accounts only and full scope
 * off (its tokens carry that one role and stay small), the configured secret, and the role granted and in scope.
 * Run at start with the other bootstraps, retried by readiness until it succeeds.
 */
@ApplicationScoped
public class GatewayClientBootstrap {
    private static final Logger LOG = Logger.getLogger(GatewayClientBootstrap.class);

    private final KeycloakAdmin keycloak;
    private final String realm;
    private final GatewayCredentialConfig config;
    private final ObjectMapper json;

    @Inject
    public GatewayClientBootstrap(KeycloakAdmin keycloak, KeycloakConfig keycloakConfig, GatewayCredentialConfig config,
                                  ObjectMapper json) {
        this.keycloak = keycloak;
        this.realm = keycloakConfig.adminRealm();
        this.config = config;
        this.json = json;
    }

    /** Brings the client up to date; does nothing when no secret is configured (managed elsewhere). */
    public void ensure() {
        if (config.clientSecret().isEmpty()) {
            return;
        }
        String secret = config.clientSecret().get();
        if (keycloak.realmRole(realm, GatewayCredential.ROLE).isEmpty()) {
            keycloak.createRealmRole(realm, GatewayCredential.ROLE, "Wharf gateways calling identity- and policy-service");
            LOG.infof("created realm role %s in realm %s", GatewayCredential.ROLE, realm);
        }
        JsonNode role = keycloak.realmRole(realm, GatewayCredential.ROLE).orElseThrow();
        JsonNode client = keycloak.client(realm, config.clientId()).orElse(null);
        if (client == null) {
            keycloak.createClient(realm, representation(secret));
            client = keycloak.client(realm, config.clientId()).orElseThrow();
            LOG.infof("created client %s in realm %s for the gateways' service credential", config.clientId(), realm);
        } else if (!upToDate(client, secret)) {
            keycloak.updateClient(realm, client.path("id").asText(), representation(secret));
            LOG.infof("brought client %s in realm %s up to date (secret, scope, lifetime)", config.clientId(), realm);
        }
        String uuid = client.path("id").asText();
        if (!keycloak.clientRealmScope(realm, uuid).contains(GatewayCredential.ROLE)) {
            keycloak.addClientRealmScope(realm, uuid, role);
        }
        String account = keycloak.serviceAccountUserId(realm, uuid);
        if (!keycloak.userRealmRoles(realm, account).contains(GatewayCredential.ROLE)) {
            keycloak.grantRealmRole(realm, account, role);
        }
    }

    private boolean upToDate(JsonNode client, String secret) {
        return secret.equals(client.path("secret").asText(null))
                && !client.path("fullScopeAllowed").asBoolean(true)
                && client.path("serviceAccountsEnabled").asBoolean(false)
                && !client.path("publicClient").asBoolean(true)
                && !client.path("directAccessGrantsEnabled").asBoolean(true)
                && Long.toString(config.tokenLifetime().toSeconds())
                        .equals(client.path("attributes").path("access.token.lifespan").asText(""));
    }

    private Map<String, Object> representation(String secret) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("clientId", config.clientId());
        c.put("name", "Wharf gateways (service credential)");
        c.put("protocol", "openid-connect");
        c.put("publicClient", false);
        c.put("clientAuthenticatorType", "client-secret");
        c.put("secret", secret);
        c.put("serviceAccountsEnabled", true);
        c.put("standardFlowEnabled", false);
        c.put("implicitFlowEnabled", false);
        c.put("directAccessGrantsEnabled", false);
        c.put("fullScopeAllowed", false);
        c.put("attributes", Map.of("access.token.lifespan", Long.toString(config.tokenLifetime().toSeconds()),
                "client.use.lightweight.access.token.enabled", "false"));
        return c;
    }
}
