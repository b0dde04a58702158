package dev.wharf.web.signin;

import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.tenant.Tenancy;
import dev.wharf.core.tenant.TenantUserName;
import dev.wharf.web.WebConfig;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Authentication.CookieSameSite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tenant a portal host name serves, and which Keycloak realm and client sign its users in: the one place
 * that knows "tenant T signs in at realm T, client wharf-web", or, with {@code wharf.web.tenancy=organizations}
 * (docs/TENANCY.md), "at realm {@code wharf}, client wharf-web, with {@code wharf_tenant=T}", where Keycloak's
 * tenant user name form turns the typed {@code alice} into {@code T.alice}. The base domain itself is no tenant's:
 * the operator console, where platform operators sign in at the admin realm.
 */
@ApplicationScoped
public class PortalTenants {
    private static final int MAX_REMEMBERED = 10_000;
    /** The authorization request parameter that names the tenant (Keycloak keeps it as a client note). */
    static final String TENANT_PARAM = "wharf_tenant";
    /** The OIDC tenant id of the operator console (no Wharf tenant id has an underscore: they cannot collide). */
    public static final String OPERATOR_CONSOLE = "wharf_operators";

    private final TenantResolver tenants;
    private final WebConfig config;
    private final WebSecrets secrets;
    private final String keycloak;
    private final Map<String, OidcTenantConfig> configs = new ConcurrentHashMap<>();
    private final OidcTenantConfig operatorConsole;

    @Inject
    public PortalTenants(TenantResolver tenants, WebConfig config, WebSecrets secrets) {
        this.tenants = tenants;
        this.config = config;
        this.secrets = secrets;
        this.keycloak = config.keycloakUrl().replaceAll("/+$", "");
        this.operatorConsole = build(OPERATOR_CONSOLE, config.adminRealm(), Map.of());
    }

    /** Whether {@code host} is the base domain itself: the operator console's host, no tenant's. */
    public boolean isOperatorConsole(String host) {
        return host != null && tenants.isBaseDomain(host);
    }

    /** How operators sign in to the console: at the admin realm, client wharf-web, authorization code with PKCE. */
    public OidcTenantConfig operatorSignIn() {
        return operatorConsole;
    }

    /**
     * The tenant of a portal host name ({@code acme.<base domain>}, or a tenant's own host name, which may ask
     * identity-service: call off the event loop), else null. Never the gateway's default tenant: a portal page
     * always names its tenant, so one tenant's users never sign in on another's host.
     */
    public String tenantOfHost(String host) {
        return host == null || host.isBlank() ? null : tenants.tenantOfHost(host);
    }

    /** The OpenID Connect settings browsers of {@code tenant} sign in with: authorization code with PKCE. */
    public OidcTenantConfig signIn(String tenant) {
        if (configs.size() >= MAX_REMEMBERED) {
            configs.clear();
        }
        boolean organizations = config.tenancy() == Tenancy.ORGANIZATIONS;
        return configs.computeIfAbsent(tenant, t -> build(t, organizations ? config.tenantRealm() : t,
                organizations ? Map.of(TENANT_PARAM, t) : Map.of()));
    }

    private OidcTenantConfig build(String tenantId, String realm, Map<String, String> extraParams) {
        return OidcTenantConfig.builder()
                .tenantId(tenantId)
                .authServerUrl(keycloak + "/realms/" + realm)
                .clientId(config.clientId())
                .applicationType(ApplicationType.WEB_APP)
                .authentication()
                    .extraParams(extraParams)
                    .pkceRequired(true)
                    .stateSecret(secrets.stateSecret())
                    .cookieForceSecure(true)
                    // Lax, not Strict: the session cookie must come along on the redirect back from Keycloak
                    .cookieSameSite(CookieSameSite.LAX)
                    .restorePathAfterRedirect(true)
                    .scopes("openid")
                .end()
                // an expired ID token is renewed with the refresh token, so a form sent late is not lost to a
                // sign-in redirect (the renewed access token runs the login chain again)
                .token().refreshExpired(true).end()
                .tokenStateManager()
                    .encryptionSecret(secrets.sessionSecret())
                    .splitTokens(true)
                .end()
                .logout()
                    .path("/signout")
                    .postLogoutPath("/signed-out")
                .end()
                .build();
    }

    /**
     * The user name the portal's login chain uses for a sign-in on {@code host}: the ID token's
     * {@code preferred_username}, without the tenant prefix the tenant realm adds ({@code T.alice} is {@code alice}
     * of {@code T}). A name of another tenant is kept whole, so identity-service refuses it rather than take it for
     * one of this tenant's users. May ask identity-service (as {@link #tenantOfHost}): call off the event loop.
     */
    public String loginName(String host, String tokenUserName) {
        if (config.tenancy() != Tenancy.ORGANIZATIONS) {
            return tokenUserName;
        }
        String tenant = tenantOfHost(host);
        return TenantUserName.parse(tokenUserName).filter(n -> n.tenant().equals(tenant))
                .map(TenantUserName::user).orElse(tokenUserName);
    }
}
