package dev.wharf.identity.access;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.tenant.Tenancy;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.core.tenant.AdminRole;
import dev.wharf.identity.tenant.TenancySettings;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.identity.tenant.TenantDirectory;
import dev.wharf.identity.tenant.TenantRecord;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may call which admin operation. Platform operators (realm role {@code wharf-operator} in the admin realm) may do
 * everything; a tenant administrator (realm role {@code wharf-tenant-admin} in the tenant's realm) only what is
 * under that tenant. The realm of a caller is read from the token's issuer, which quarkus-oidc has verified
 * against the realm's own keys ({@link RealmTokenResolver}). Only tokens issued to the admin-API client count, and, in
 * a tenant's realm, the web portal's ({@link TenantDefaults#WEB_CLIENT_ID}): gateway-web's administrators' pages
 * call with the administrator's own sign-in, so the same role and the same tenant rule apply; and the admin realm's
 * {@link TenantDefaults#WEB_CLIENT_ID} too, gateway-web's operator console (the operator role is still required).
 */
@ApplicationScoped
public class AdminAccess {
    /** The caller: the realm that issued the token, the user name, and what it may do. */
    public record Caller(String realm, String username, boolean operator) {
        /** The name audit events and logs give the caller: the user, qualified with its tenant when not an operator. */
        public String actor() {
            return operator ? username : username + "@" + realm;
        }
    }

    private final SecurityIdentity identity;
    private final String issuerPrefix;
    private final String adminRealm;
    private final String clientId;
    private final TenantDirectory tenants;
    /** The tenants' shared realm in the organizations model; null in the realm model. */
    private final String sharedRealm;

    @Inject
    public AdminAccess(SecurityIdentity identity, KeycloakConfig config, TenancySettings tenancy,
                       TenantDirectory tenants) {
        this.tenants = tenants;
        this.sharedRealm = tenancy.model() == Tenancy.ORGANIZATIONS ? tenancy.realm() : null;
        this.identity = identity;
        this.issuerPrefix = config.url().replaceAll("/+$", "") + "/realms/";
        this.adminRealm = config.adminRealm();
        this.clientId = config.adminClientId();
    }

    /** The caller, if it holds an admin role; else 403 {@code permission_denied}. */
    public Caller caller() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new UnauthorizedException();
        }
        String issuer = jwt.getIssuer();
        if (issuer == null || !issuer.startsWith(issuerPrefix)) {
            throw denied("the token was not issued by this platform's Keycloak");
        }
        String realm = issuer.substring(issuerPrefix.length());
        Object azp = jwt.getClaim("azp");
        // the web portal's client: a tenant's administrators' pages, or in the admin realm the operator console
        boolean portal = azp != null && TenantDefaults.WEB_CLIENT_ID.equals(azp.toString());
        if (azp == null || !(clientId.equals(azp.toString()) || portal)) {
            throw denied("admin-API tokens must be issued to the client " + clientId);
        }
        String name = jwt.getName();
        if (realm.equals(adminRealm)) {
            if (identity.hasRole(AdminRole.OPERATOR)) {
                return new Caller(realm, name, true);
            }
            throw denied("platform operators need the realm role " + AdminRole.OPERATOR);
        }
        if (!identity.hasRole(AdminRole.TENANT_ADMIN)) {
            throw denied("tenant administrators need the realm role " + AdminRole.TENANT_ADMIN);
        }
        if (sharedRealm == null) {
            return new Caller(realm.toLowerCase(Locale.ROOT), name, false);
        }
        if (!realm.equals(sharedRealm)) {
            throw denied("tenant administrators sign in at realm " + sharedRealm);
        }
        return organizationAdmin(jwt, name);
    }

    /**
     * A tenant administrator of the organizations model: the tenant is the one organization of the token's
     * {@code organization} claim (Keycloak puts the user's memberships there), never the request path; the user
     * name must be that tenant's ({@code <tenant>.<name>}), and the tenant must exist and be enabled.
     */
    private Caller organizationAdmin(JsonWebToken jwt, String keycloakName) {
        String tenant = organizationOf(jwt);
        return new Caller(tenant, memberName(tenant, keycloakName), false);
    }

    /** The one organization (tenant) the token's {@code organization} claim names; else 403. */
    private static String organizationOf(JsonWebToken jwt) {
        List<String> organizations = organizations(jwt.getClaim("organization"));
        if (organizations.size() != 1) {
            throw denied("the token must name exactly one organization (the client's organization scope), not "
                    + organizations.size());
        }
        return organizations.get(0).toLowerCase(Locale.ROOT);
    }

    /**
     * The Wharf name of Keycloak user {@code keycloakName} ({@code <tenant>.<name>}) of {@code tenant}, which must
     * exist and be enabled: a disabled organization's members still get tokens from Keycloak.
     */
    private String memberName(String tenant, String keycloakName) {
        String username = tenants.wharfUsername(tenant, keycloakName).orElseThrow(() ->
                denied("the token's user is not a member of its organization"));
        TenantRecord record = tenants.find(tenant).orElseThrow(() -> denied("the token's organization is no tenant"));
        if (!record.enabled()) {
            throw new WharfException(Reason.TENANT_DISABLED, "tenant " + tenant + " is disabled");
        }
        return username;
    }

    /** The aliases an {@code organization} claim names: a list of aliases, or an object keyed by alias. */
    static List<String> organizations(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> out.add(v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
        } else if (claim instanceof jakarta.json.JsonObject o) {
            out.addAll(o.keySet());
        } else if (claim instanceof java.util.Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim instanceof java.util.Map<?, ?> m) {
            m.keySet().forEach(k -> out.add(String.valueOf(k)));
        } else if (claim instanceof String s && !s.isBlank()) {
            out.add(s);
        }
        return out;
    }

    /**
     * The actor's name if the caller may manage {@code username}'s own keys and sharing details of {@code tenant}:
     * an administrator of the tenant (as {@link #tenant}, with an admin-API or a portal token), or the user themself
     * signed in to the web portal (a token issued to the client {@link TenantDefaults#WEB_CLIENT_ID} for that user
     * name: by the tenant's realm, or in the organizations model by the shared realm with the tenant as the token's
     * one organization). Else 403, and never 404: the answer does not reveal whether the user or the tenant exists.
     */
    public String self(String tenant, String username) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new UnauthorizedException();
        }
        Object azp = jwt.getClaim("azp");
        if (azp != null && TenantDefaults.WEB_CLIENT_ID.equals(azp.toString()) && isOwn(jwt, tenant, username)) {
            return username.toLowerCase(Locale.ROOT) + "@" + tenant;
        }
        return tenant(tenant);
    }

    /** Whether the portal token {@code jwt} is {@code username}'s own, of {@code tenant}. */
    private boolean isOwn(JsonWebToken jwt, String tenant, String username) {
        String issuer = jwt.getIssuer();
        String name = jwt.getName();
        if (issuer == null || tenant.equals(adminRealm) || name == null || username == null) {
            return false;
        }
        String own = username.toLowerCase(Locale.ROOT);
        if (sharedRealm == null) {
            return issuer.equals(issuerPrefix + tenant) && name.equals(own);
        }
        return issuer.equals(issuerPrefix + sharedRealm) && organizationOf(jwt).equals(tenant)
                && memberName(tenant, name).equals(own);
    }

    /** The actor's name if the caller is a platform operator; else 403. */
    public String operator() {
        Caller c = caller();
        if (!c.operator()) {
            throw denied("only platform operators may do this");
        }
        return c.actor();
    }

    /**
     * The actor's name if the caller may manage {@code tenant}; else 403. Never 404 for a foreign tenant: the
     * answer must not reveal whether it exists.
     */
    public String tenant(String tenant) {
        Caller c = caller();
        if (!c.operator() && !c.realm().equals(tenant)) {
            throw denied("a tenant administrator may manage only its own tenant");
        }
        return c.actor();
    }

    /**
     * The actor's name if the caller may manage {@code tenant} (as {@link #tenant}) and may take away
     * {@code username}'s access there: a tenant administrator can never delete, disable or demote themself (they
     * would lock themself out, and a stolen administrator's session could not hide its tracks by removing its own
     * account); another administrator of the tenant or an operator can. Else 403.
     */
    public String tenantOther(String tenant, String username) {
        String actor = tenant(tenant);
        Caller c = caller();
        if (!c.operator() && username != null && c.username().equalsIgnoreCase(username.strip())) {
            throw denied("a tenant administrator cannot delete, disable or demote themself");
        }
        return actor;
    }

    private static WharfException denied(String message) {
        return new WharfException(Reason.PERMISSION_DENIED, message);
    }
}
