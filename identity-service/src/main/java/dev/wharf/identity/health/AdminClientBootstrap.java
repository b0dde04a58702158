package dev.wharf.identity.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.identity.gateway.GatewayClientBootstrap;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.tenant.AdminClients;
import dev.wharf.core.tenant.AdminRole;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.identity.tenant.WebClientSetup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Makes sure the admin realm has the operator role, granted to identity-service's own admin account, the public
 * client operators get admin-API tokens from ({@link KeycloakConfig#adminClientId()}) scoped to that role, the
 * operator console's web client ({@link WebClientSetup#ensureOperatorConsole}) and the gateways' service account; and every tenant the client and role of its administrators ({@link AdminClients}),
 * today's user profile and the password-check client. Tried once at startup and again by each readiness probe
 * until it succeeds, so identity-service may start before Keycloak.
 */
@ApplicationScoped
public class AdminClientBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminClientBootstrap.class);

    private final KeycloakAdmin keycloak;
    private final KeycloakConfig config;
    private final TenantService tenants;
    private final AdminClients adminClients;
    private final GatewayClientBootstrap gatewayClient;
    private final WebClientSetup webClients;
    private volatile boolean done;
    private volatile String lastError;

    @Inject
    public AdminClientBootstrap(KeycloakAdmin keycloak, KeycloakConfig config, TenantService tenants,
                                AdminClients adminClients, GatewayClientBootstrap gatewayClient,
                                WebClientSetup webClients) {
        this.keycloak = keycloak;
        this.config = config;
        this.tenants = tenants;
        this.adminClients = adminClients;
        this.gatewayClient = gatewayClient;
        this.webClients = webClients;
        this.done = !config.ensureAdminClient();
    }

    void onStart(@Observes StartupEvent ev) {
        Thread.ofVirtual().name("admin-client-bootstrap").start(this::ensure);
    }

    /** True once the clients exist (or ensuring them is turned off); cheap after that. */
    public synchronized boolean ensure() {
        if (done) {
            return true;
        }
        try {
            JsonNode operator = adminClients.ensure(config.adminRealm(), AdminRole.OPERATOR,
                    "Wharf platform operator: every tenant, through the admin API");
            grantOperator(operator);
            webClients.ensureOperatorConsole(config.adminRealm(), operator);
            gatewayClient.ensure();
            tenants.repair();
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

    /**
     * identity-service's own admin account is the first operator; further operators are users of the admin realm
     * given the realm role {@link AdminRole#OPERATOR} (identity-service/README.md).
     */
    private void grantOperator(JsonNode role) {
        String realm = config.adminRealm();
        KeycloakUser user = keycloak.userByUsername(realm, config.adminUser()).orElseThrow(() ->
                new IllegalStateException("admin account " + config.adminUser() + " not found in realm " + realm));
        if (!keycloak.userRealmRoles(realm, user.id()).contains(AdminRole.OPERATOR)) {
            keycloak.grantRealmRole(realm, user.id(), role);
            LOG.infof("realm %s: granted %s to %s", realm, AdminRole.OPERATOR, config.adminUser());
        }
    }

    /** Why the last attempt failed, for the readiness answer; null when it did not. */
    public String lastError() {
        return lastError;
    }
}
