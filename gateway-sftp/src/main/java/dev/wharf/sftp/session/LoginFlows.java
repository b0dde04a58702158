package dev.wharf.sftp.session;

import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.grant.LiveGrants;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.TenantResolver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login chains of this gateway: the standard one, and one per tenant named by a destination address
 * ({@code wharf.sftp.tenant-addresses}). A destination tenant ranks after a host-qualified user name and before
 * the default tenant, which is exactly a resolver whose default is that tenant. Tenants' own host names
 * ({@code user@ftp.acme.com}) are looked up in identity-service.
 */
public final class LoginFlows {
    private final String baseDomain;
    private final IdentityPort identity;
    private final PolicyPort policy;
    private final SessionAudit audit;
    private final LiveGrants live;
    private final LoginFlow standard;
    private final Map<String, LoginFlow> byTenant = new ConcurrentHashMap<>();

    /** @param defaultTenant the tenant of logins that name none, or null */
    public LoginFlows(String baseDomain, String defaultTenant, IdentityPort identity, PolicyPort policy,
                      SessionAudit audit) {
        this.baseDomain = baseDomain;
        this.identity = identity;
        this.policy = policy;
        this.audit = audit;
        this.live = new LiveGrants(identity);
        this.standard = new LoginFlow(resolver(defaultTenant), identity, policy, audit, live);
    }

    /** The chain for a connection whose destination address names {@code tenant} (null: the standard chain). */
    public LoginFlow forDestinationTenant(String tenant) {
        if (tenant == null) {
            return standard;
        }
        // bounded: tenants come from configuration, not from clients
        return byTenant.computeIfAbsent(tenant,
                t -> new LoginFlow(resolver(t), identity, policy, audit, live));
    }

    /** A session's connection has closed (whichever chain logged it in: they share their live grants). */
    public void closed(dev.wharf.core.session.GatewaySession s) {
        standard.closed(s);
    }

    private TenantResolver resolver(String defaultTenant) {
        return new TenantResolver(baseDomain, defaultTenant, identity::tenantOfHostname);
    }

    public LoginFlow standard() {
        return standard;
    }
}
