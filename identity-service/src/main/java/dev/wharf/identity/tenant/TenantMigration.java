package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.tenant.Tenancy;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Moves tenants of the realm-per-tenant model into Organizations of the shared realm (issue 17, docs/TENANCY.md
 * "Moving existing tenants"): identity-service makes the organization (settings, host names, group root), our
 * Keycloak provider moves the users with their stored credentials and removes the realm in one transaction.
 * Running it again after a failure starts over; a tenant moved already is answered as such.
 */
@ApplicationScoped
public class TenantMigration {
    private static final Logger LOG = Logger.getLogger(TenantMigration.class);

    /** What one move did; {@code moved} false when the tenant was an organization already. */
    public record Migrated(String tenant, boolean moved, int users, int groups, int credentials) {
    }

    private final TenancySettings tenancy;
    private final RealmTenantDirectory realms;
    private final OrganizationTenantDirectory organizations;
    private final KeycloakAdmin keycloak;
    private final TenantService tenants;
    private final String adminRealm;

    @Inject
    public TenantMigration(TenancySettings tenancy, RealmTenantDirectory realms,
                           OrganizationTenantDirectory organizations, KeycloakAdmin keycloak, TenantService tenants,
                           KeycloakConfig config) {
        this.tenancy = tenancy;
        this.realms = realms;
        this.organizations = organizations;
        this.keycloak = keycloak;
        this.tenants = tenants;
        this.adminRealm = config.adminRealm();
    }

    /** Tenants still kept as realms of their own, sorted: what {@code wharf tenant migrate --all} moves. */
    public List<String> pending() {
        requireOrganizations();
        return realms.ids().stream().filter(id -> !id.equals(tenancy.realm())).toList();
    }

    /** Moves one tenant; 404 {@code unknown_tenant} when it is neither a realm tenant nor an organization. */
    public Migrated migrate(String id, String actor) {
        requireOrganizations();
        if (!TenantIds.isValid(id)) {
            throw new WharfException(Reason.BAD_REQUEST, "not a tenant id: " + VirtualPaths.printable(id));
        }
        TenantRecord legacy = realms.find(id).orElse(null);
        if (legacy == null || id.equals(tenancy.realm())) {
            if (organizations.find(id).isPresent()) {
                return new Migrated(id, false, 0, 0, 0);
            }
            throw new WharfException(Reason.UNKNOWN_TENANT, "no tenant " + id);
        }
        var earlier = organizations.organization(id);
        if (earlier.isPresent()) {
            // an earlier attempt made the organization and failed before its one-transaction move: no users in it.
            // One with users was made as a tenant of its own meanwhile: never removed here.
            if (!keycloak.organizationMembers(tenancy.realm(), earlier.get().path("id").asText(), 0, 1).isEmpty()) {
                throw new WharfException(Reason.ALREADY_EXISTS, "tenant " + id + " exists twice, as a realm and as "
                        + "an organization with users: delete one of them first");
            }
            LOG.infof("tenant %s: removing the organization an earlier move left behind", id);
            organizations.delete(id);
        }
        organizations.create(id, legacy.attributes());
        organizations.setEnabled(id, false); // no sign-in into a half-moved tenant
        JsonNode moved;
        try {
            moved = keycloak.moveRealmTenant(adminRealm, id, tenancy.realm());
        } catch (KeycloakErrorException e) {
            throw new WharfException(e.status() == 404 ? Reason.SERVICE_UNAVAILABLE : Reason.INTERNAL_ERROR,
                    "Keycloak did not move tenant " + id + " (" + e.status() + " " + e.getMessage() + "); its realm "
                            + "is unchanged, run the move again" + (e.status() == 404
                            ? " once Keycloak has Wharf's provider (keycloak-audit-listener)" : ""), e);
        }
        if (legacy.enabled()) {
            organizations.setEnabled(id, true);
        }
        realms.forget();
        Migrated done = new Migrated(id, true, moved.path("users").asInt(), moved.path("groups").asInt(),
                moved.path("credentials").asInt());
        LOG.infof("tenant %s moved into organization %s of realm %s by %s: %d users, %d groups, %d credentials", id,
                id, tenancy.realm(), actor, done.users(), done.groups(), done.credentials());
        tenants.adminChange("tenant.migrated", id, actor, null);
        return done;
    }

    private void requireOrganizations() {
        if (tenancy.model() != Tenancy.ORGANIZATIONS) {
            throw new WharfException(Reason.BAD_REQUEST, "tenants move into organizations only when identity-service "
                    + "runs them (wharf.identity.tenancy=organizations)");
        }
    }
}
