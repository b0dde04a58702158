package dev.wharf.identity.tenant;

import dev.wharf.core.tenant.AdminRole;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakRealm;
import dev.wharf.tenancy.WebSignInFlow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The realm every tenant's organization lives in ({@code wharf.identity.tenant-realm}, docs/TENANCY.md): created and
 * repaired once, whatever the number of tenants, with what a tenant realm had (user profile, OTP policy, lockout off,
 * the gateways' and the password-check clients, the web portal's client with its tenant sign-in flow, the admin-API
 * client scoped to {@link AdminRole#TENANT_ADMIN}, both with the {@code organization} claim, Wharf's event listener).
 * Idempotent.
 */
@ApplicationScoped
public class SharedRealmSetup {
    /** Keycloak's client scope that puts the user's organizations into the token ({@code organization} claim). */
    static final String ORGANIZATION_SCOPE = "organization";
    private static final Logger LOG = Logger.getLogger(SharedRealmSetup.class);

    private final KeycloakAdmin keycloak;
    private final String realm;
    private final String adminClientId;
    private final TenantUserProfile profiles;
    private final PasswordCheckSetup passwordChecks;
    private final WebClientSetup webClients;
    private final AdminClients adminClients;
    private final KeycloakEventAudit eventAudit;
    private volatile boolean done;

    @Inject
    public SharedRealmSetup(KeycloakAdmin keycloak, TenancySettings tenancy, KeycloakConfig config,
                            TenantUserProfile profiles, PasswordCheckSetup passwordChecks, WebClientSetup webClients,
                            AdminClients adminClients, KeycloakEventAudit eventAudit) {
        this.keycloak = keycloak;
        this.realm = tenancy.realm();
        this.adminClientId = config.adminClientId();
        this.profiles = profiles;
        this.passwordChecks = passwordChecks;
        this.webClients = webClients;
        this.adminClients = adminClients;
        this.eventAudit = eventAudit;
    }

    /** Sets the realm up unless this process did already. */
    public void ensure() {
        if (!done) {
            repair();
        }
    }

    /** Creates the realm or brings it up to date; each step changes only what is not as it should be. */
    public synchronized void repair() {
        KeycloakRealm existing = keycloak.realm(realm).orElse(null);
        if (existing == null) {
            keycloak.createRealm(representation());
            LOG.infof("realm %s created for the tenants' organizations", realm);
        } else if (existing.bruteForceProtected() || !existing.organizationsEnabled()) {
            Map<String, Object> fields = new HashMap<>(TenantDefaults.BRUTE_FORCE);
            fields.put("organizationsEnabled", true);
            keycloak.updateRealm(realm, fields);
            LOG.infof("realm %s: organizations on, Keycloak's brute-force lockout off", realm);
        }
        profiles.ensure(realm);
        passwordChecks.ensureInRealm(realm);
        webClients.changeRedirects(realm, List.of(), List.of());
        ensureWebSignInFlow();
        adminClients.ensure(realm, AdminRole.TENANT_ADMIN, "Wharf tenant administrator: manages the users, groups "
                + "and site settings of the organization (tenant) the user is a member of, through the admin API");
        webClients.carryAdminRole(realm);
        // tenant administrators' and portal users' tokens name their tenant (AdminAccess reads the claim)
        for (String clientId : List.of(adminClientId, TenantDefaults.WEB_CLIENT_ID)) {
            String id = keycloak.client(realm, clientId).orElseThrow().path("id").asText();
            if (!keycloak.defaultClientScopes(realm, id).contains(ORGANIZATION_SCOPE)) {
                keycloak.addDefaultClientScope(realm, id, ORGANIZATION_SCOPE);
                LOG.infof("realm %s: client %s carries the %s claim", realm, clientId, ORGANIZATION_SCOPE);
            }
        }
        eventAudit.enable(realm);
        done = true;
    }

    /**
     * The portal's client signs users in with the tenant form of our Keycloak provider (users type {@code alice}, not
     * {@code northwind.alice}). Without the provider the flow could not be built: Keycloak's own form stays, with a
     * warning, as the event listener does without it.
     */
    private void ensureWebSignInFlow() {
        if (keycloak.providers("authenticator").contains(WebSignInFlow.TENANT_FORM)) {
            keycloak.ensureWebSignInFlow(realm, TenantDefaults.WEB_CLIENT_ID);
        } else {
            LOG.warnf("Keycloak has no %s authenticator: the web portal's users must type <tenant>.<user> at "
                    + "sign-in (install keycloak-audit-listener, docs/DEPLOYMENT.md)", WebSignInFlow.TENANT_FORM);
        }
    }

    /** The realm's name. */
    public String realm() {
        return realm;
    }

    private Map<String, Object> representation() {
        Map<String, Object> r = new HashMap<>(TenantDefaults.realm(realm));
        // not a tenant itself: the realm model's marker and site settings stay off it
        r.remove("attributes");
        r.put("displayName", "Wharf tenants");
        r.put("organizationsEnabled", true);
        return r;
    }
}
