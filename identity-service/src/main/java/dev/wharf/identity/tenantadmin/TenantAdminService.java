package dev.wharf.identity.tenantadmin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.core.tenant.AdminRole;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.identity.tenant.UserChanged;
import dev.wharf.identity.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's administrators: users of the tenant with its realm role {@code wharf-tenant-admin}. They get admin-API
 * tokens from the realm's client {@code wharf-admin} with their own password (and code, with 2FA).
 */
@ApplicationScoped
public class TenantAdminService {
    private static final Logger LOG = Logger.getLogger(TenantAdminService.class);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 100;

    private final TenantAccounts keycloak;
    private final TenantService tenants;
    private final UserService users;

    @Inject
    public TenantAdminService(TenantAccounts keycloak, TenantService tenants, UserService users) {
        this.keycloak = keycloak;
        this.tenants = tenants;
        this.users = users;
    }

    /** User names of the tenant's administrators, sorted. */
    public List<String> list(String tenant) {
        tenants.require(tenant);
        if (keycloak.realmRole(tenant, AdminRole.TENANT_ADMIN).isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<KeycloakUser> batch = keycloak.usersWithRealmRole(tenant, AdminRole.TENANT_ADMIN, page * PAGE, PAGE);
            batch.forEach(u -> out.add(u.username()));
            if (batch.size() < PAGE) {
                break;
            }
        }
        out.sort(null);
        return out;
    }

    /** Makes the user an administrator of its tenant (idempotent). */
    public void grant(String tenant, String rawUsername, String actor) {
        tenants.require(tenant);
        KeycloakUser user = users.find(tenant, rawUsername);
        // tenants made before tenant administrators existed get the client and role now
        tenants.ensureAdminAccess(tenant);
        keycloak.grantRealmRole(tenant, user.id(), role(tenant));
        LOG.infof("user %s made an administrator of tenant %s by %s", user.username(), tenant, actor);
        tenants.adminChange("admin.granted", tenant, actor, user.username(), new UserChanged(tenant, user.username()));
    }

    /** Takes the role away (idempotent); tokens already issued keep it until they expire (minutes). */
    public void revoke(String tenant, String rawUsername, String actor) {
        tenants.require(tenant);
        KeycloakUser user = users.find(tenant, rawUsername);
        if (keycloak.realmRole(tenant, AdminRole.TENANT_ADMIN).isEmpty()) {
            return;
        }
        keycloak.revokeRealmRole(tenant, user.id(), role(tenant));
        LOG.infof("user %s no longer an administrator of tenant %s (by %s)", user.username(), tenant, actor);
        tenants.adminChange("admin.revoked", tenant, actor, user.username(), new UserChanged(tenant, user.username()));
    }

    private JsonNode role(String tenant) {
        return keycloak.realmRole(tenant, AdminRole.TENANT_ADMIN).orElseThrow(() -> new WharfException(
                Reason.INTERNAL_ERROR, "tenant " + tenant + " has no role " + AdminRole.TENANT_ADMIN));
    }
}
