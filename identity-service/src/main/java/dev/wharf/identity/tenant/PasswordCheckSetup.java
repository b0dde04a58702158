package dev.wharf.identity.tenant;

import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakRealm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Gives a tenant realm what checking a password before any other reason needs: the password-only direct-grant
 * flow, the client bound to it, and Keycloak's brute-force lockout off. Idempotent: run for every new tenant and,
 * at start, for every existing one.
 */
@ApplicationScoped
public class PasswordCheckSetup {
    private static final Logger LOG = Logger.getLogger(PasswordCheckSetup.class);

    private final KeycloakAdmin keycloak;
    private final WebClientSetup webClient;

    @Inject
    public PasswordCheckSetup(KeycloakAdmin keycloak, WebClientSetup webClient) {
        this.keycloak = keycloak;
        this.webClient = webClient;
    }

    /**
     * Creates what is missing; changes nothing that is there, except switching brute-force lockout off. The web
     * portal's client rides on the same per-tenant pass (new tenants, and every tenant at start).
     */
    public void ensure(String tenant) {
        ensureInRealm(tenant);
        webClient.ensure(tenant);
    }

    /** The flow, the client and the lockout switch of {@link #ensure}, in any realm (the tenants' shared realm too). */
    public void ensureInRealm(String tenant) {
        String flowId = keycloak.authenticationFlowId(tenant, TenantDefaults.PASSWORD_ONLY_FLOW).orElse(null);
        if (flowId == null) {
            keycloak.createRequiredFlow(tenant, TenantDefaults.PASSWORD_ONLY_FLOW,
                    "Wharf: user name and password only, for identity-service's checks before a second factor",
                    TenantDefaults.PASSWORD_ONLY_AUTHENTICATORS);
            flowId = keycloak.authenticationFlowId(tenant, TenantDefaults.PASSWORD_ONLY_FLOW)
                    .orElseThrow(() -> new IllegalStateException("flow " + TenantDefaults.PASSWORD_ONLY_FLOW
                            + " not found after creating it in realm " + tenant));
            LOG.infof("tenant %s: created authentication flow %s", tenant, TenantDefaults.PASSWORD_ONLY_FLOW);
        }
        if (!keycloak.clientExists(tenant, TenantDefaults.PASSWORD_CHECK_CLIENT_ID)) {
            keycloak.createClient(tenant, TenantDefaults.passwordCheckClient(flowId));
            LOG.infof("tenant %s: created client %s", tenant, TenantDefaults.PASSWORD_CHECK_CLIENT_ID);
        }
        boolean locking = keycloak.realm(tenant).map(KeycloakRealm::bruteForceProtected).orElse(false);
        if (locking) {
            keycloak.updateRealm(tenant, TenantDefaults.BRUTE_FORCE);
            LOG.infof("tenant %s: Keycloak's per-user brute-force lockout switched off (identity-service "
                    + "throttles per account instead)", tenant);
        }
    }
}
