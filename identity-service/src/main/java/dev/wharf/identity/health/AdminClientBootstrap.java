package dev.wharf.identity.health;

import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes sure the admin realm has the public client operators get admin-API tokens from
 * ({@link KeycloakConfig#adminClientId()}). Tried once at startup and again by each readiness probe until it
 * succeeds, so identity-service may start before Keycloak.
 */
@ApplicationScoped
public class AdminClientBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminClientBootstrap.class);

    private final KeycloakAdmin keycloak;
    private final KeycloakConfig config;
    private volatile boolean done;
    private volatile String lastError;

    @Inject
    public AdminClientBootstrap(KeycloakAdmin keycloak, KeycloakConfig config) {
        this.keycloak = keycloak;
        this.config = config;
        this.done = !config.ensureAdminClient();
    }

    void onStart(@Observes StartupEvent ev) {
        Thread.ofVirtual().name("admin-client-bootstrap").start(this::ensure);
    }

    /** True once the client exists (or ensuring it is turned off); cheap after that. */
    public synchronized boolean ensure() {
        if (done) {
            return true;
        }
        try {
            if (!keycloak.clientExists(config.adminRealm(), config.adminClientId())) {
                keycloak.createClient(config.adminRealm(), client());
                LOG.infof("created client %s in realm %s for admin-API tokens", config.adminClientId(),
                        config.adminRealm());
            }
            done = true;
            lastError = null;
        } catch (RuntimeException e) {
            if (!e.getMessage().equals(lastError)) {
                LOG.warnf("cannot ensure admin client %s in realm %s yet: %s", config.adminClientId(),
                        config.adminRealm(), e.getMessage());
            }
            lastError = e.getMessage();
        }
        return done;
    }

    /** Why the last attempt failed, for the readiness answer; null when it did not. */
    public String lastError() {
        return lastError;
    }

    private Map<String, Object> client() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("clientId", config.adminClientId());
        c.put("name", "Wharf admin API (operator tokens)");
        c.put("protocol", "openid-connect");
        c.put("publicClient", true);
        c.put("directAccessGrantsEnabled", true);
        c.put("standardFlowEnabled", false);
        c.put("implicitFlowEnabled", false);
        c.put("serviceAccountsEnabled", false);
        // full tokens: realm roles must be in them for the admin API's role check
        c.put("attributes", Map.of("client.use.lightweight.access.token.enabled", "false"));
        return c;
    }
}
