package dev.wharf.web.signin;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Signs each request in at the realm of the tenant its host name names ({@link PortalTenants}). A host that names
 * no tenant gets the default configuration, which is disabled: nothing signs in there. The base domain itself is the
 * operator console: operators sign in at the admin realm.
 */
@ApplicationScoped
public class HostTenantConfigResolver implements TenantConfigResolver {
    private final PortalTenants portal;

    @Inject
    public HostTenantConfigResolver(PortalTenants portal) {
        this.portal = portal;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        String host = hostOf(context);
        if (portal.isOperatorConsole(host)) {
            return Uni.createFrom().item(portal.operatorSignIn());
        }
        // a tenant's own host name is looked up in identity-service (cached there): off the event loop
        return request.runBlocking(() -> {
            String tenant = portal.tenantOfHost(host);
            return tenant == null ? null : portal.signIn(tenant);
        });
    }

    /** The host name the browser asked for, without port. */
    public static String hostOf(RoutingContext context) {
        var authority = context.request().authority();
        return authority == null ? null : authority.host();
    }
}
