package dev.wharf.identity.tenant;

import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakRealm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The realm every tenant's organization lives in ({@code wharf.identity.tenant-realm}, docs/TENANCY.md): created and
 * repaired once, whatever the number of tenants, with what a tenant realm had (user profile, OTP policy, lockout off,
 * the gateways' and the password-check clients, the web portal's client, the admin-API client scoped to
 * {@link AdminRole#TENANT_ADMIN} with the {@code organization} claim, Wharf's event listener). Idempotent.
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
    public SharedRealmSetup(KeycloakAdmin keycloak, Tenancy tenancy, KeycloakConfig config,
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
        adminClients.ensure(realm, AdminRole.TENANT_ADMIN, "Wharf tenant administrator: manages the users, groups "
                + "and site settings of the organization (tenant) the user is a member of, through the admin API");
        String adminClient = keycloak.client(realm, adminClientId).orElseThrow().path("id").asText();
        if (!keycloak.defaultClientScopes(realm, adminClient).contains(ORGANIZATION_SCOPE)) {
            keycloak.addDefaultClientScope(realm, adminClient, ORGANIZATION_SCOPE);
            LOG.infof("realm %s: client %s carries the %s claim", realm, adminClientId, ORGANIZATION_SCOPE);
        }
        eventAudit.enable(realm);
        done = true;
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
