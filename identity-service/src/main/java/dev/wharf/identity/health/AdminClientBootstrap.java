package dev.wharf.identity.health;

import dev.wharf.identity.gateway.GatewayClientBootstrap;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.tenant.PasswordCheckSetup;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.identity.tenant.TenantUserProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Makes sure the admin realm has the public client operators get admin-API tokens from
 * ({@link KeycloakConfig#adminClientId()}), and every tenant the client and role of its administrators. Tried
 * once at startup and again by each readiness probe until it succeeds, so identity-service may start before
 * Keycloak.
 */
@ApplicationScoped
public class AdminClientBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminClientBootstrap.class);

    private final KeycloakAdmin keycloak;
    private final KeycloakConfig config;
    private final TenantService tenants;
    private final GatewayClientBootstrap gatewayClient;
    private final TenantUserProfile profiles;
    private final PasswordCheckSetup passwordChecks;
    private volatile boolean done;
    private volatile String lastError;

    @Inject
    public AdminClientBootstrap(KeycloakAdmin keycloak, KeycloakConfig config, TenantService tenants,
                                GatewayClientBootstrap gatewayClient, TenantUserProfile profiles,
                                PasswordCheckSetup passwordChecks) {
        this.passwordChecks = passwordChecks;
        this.keycloak = keycloak;
        this.gatewayClient = gatewayClient;
        this.tenants = tenants;
        this.profiles = profiles;
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
            gatewayClient.ensure();
            ensureTenants();
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
     * Tenants made before tenant administrators existed (the demo tenant on a warm restart) get the admin-API
     * client and role, and tenants made before their user profile kept {@code wharf.*} attributes from their users
     * get today's profile. One tenant's failure is logged and does not hold up readiness: a grant retries the
     * admin access, the next start the profile.
     */
    private void ensureTenants() {
        for (String id : tenants.list()) {
            try {
                tenants.ensureAdminAccess(id);
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s: admin-API client or role not ensured: %s", id, e.getMessage());
            }
            try {
                profiles.ensure(id);
            } catch (RuntimeException e) {
                LOG.errorf("tenant %s: user profile not brought up to date, its users may still edit their own "
                        + "wharf.* attributes: %s", id, e.getMessage());
            }
            try {
                passwordChecks.ensure(id);
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s: password-check client or flow not ensured, or brute-force lockout not off: %s",
                        id, e.getMessage());
            }
        }
    }

    /** Why the last attempt failed, for the readiness answer; null when it did not. */
    public String lastError() {
        return lastError;
    }

    private Map<String, Object> client() {
        return TenantDefaults.adminClient(config.adminClientId());
    }
}
