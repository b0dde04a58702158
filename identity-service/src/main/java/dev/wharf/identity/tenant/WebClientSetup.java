package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.tenant.AdminRole;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.sharing.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives a tenant realm the web portal's client ({@link TenantDefaults#WEB_CLIENT_ID}, gateway-web's sign-in) and
 * keeps its redirect addresses on the portal's public host and port. Idempotent, as {@link PasswordCheckSetup}.
 */
@ApplicationScoped
public class WebClientSetup {
    private static final Logger LOG = Logger.getLogger(WebClientSetup.class);

    private final KeycloakAdmin keycloak;
    private final PublicAddresses addresses;

    @Inject
    public WebClientSetup(KeycloakAdmin keycloak, PublicAddresses addresses) {
        this.keycloak = keycloak;
        this.addresses = addresses;
    }

    /** Creates the client, or sets its redirect addresses when the portal moved (another port or base domain). */
    public void ensure(String tenant) {
        List<String> redirects = redirectUris(tenant);
        JsonNode existing = keycloak.client(tenant, TenantDefaults.WEB_CLIENT_ID).orElse(null);
        if (existing == null) {
            keycloak.createClient(tenant, TenantDefaults.webClient(redirects));
            LOG.infof("tenant %s: created client %s for %s", tenant, TenantDefaults.WEB_CLIENT_ID, redirects);
        } else {
            List<String> now = new ArrayList<>();
            existing.path("redirectUris").forEach(u -> now.add(u.asText()));
            if (!now.equals(redirects)) {
                keycloak.updateClient(tenant, existing.path("id").asText(), Map.of("redirectUris", redirects));
                LOG.infof("tenant %s: client %s now redirects to %s", tenant, TenantDefaults.WEB_CLIENT_ID,
                        redirects);
            }
        }
        carryAdminRole(tenant);
    }

    /**
     * The client's tokens carry {@link AdminRole#TENANT_ADMIN} (its only scope: {@code fullScopeAllowed} is off), so
     * a tenant administrator signed in to the portal calls the admin API with their own token (gateway-web's
     * administrators' pages; docs/DECISIONS.md "Administrators' pages"). Nothing to do until the role and the client
     * exist.
     */
    public void carryAdminRole(String realm) {
        JsonNode client = keycloak.client(realm, TenantDefaults.WEB_CLIENT_ID).orElse(null);
        JsonNode role = keycloak.realmRole(realm, AdminRole.TENANT_ADMIN).orElse(null);
        if (client == null || role == null) {
            return;
        }
        String id = client.path("id").asText();
        if (!keycloak.clientRealmScope(realm, id).contains(AdminRole.TENANT_ADMIN)) {
            keycloak.addClientRealmScope(realm, id, role);
            LOG.infof("realm %s: client %s carries realm role %s", realm, TenantDefaults.WEB_CLIENT_ID,
                    AdminRole.TENANT_ADMIN);
        }
    }

    /**
     * The operator console's sign-in (gateway-web on the base domain, docs/DECISIONS.md "Operator console"): the
     * client {@link TenantDefaults#WEB_CLIENT_ID} in the admin realm, redirecting to {@code https://<base domain>/*}
     * only, whose tokens carry {@code operatorRole} and nothing else. identity-service and policy-service still
     * demand the role of each caller, so the admin realm's other users get nothing from signing in there.
     */
    public void ensureOperatorConsole(String adminRealm, JsonNode operatorRole) {
        int port = addresses.sharing().webPort();
        List<String> redirects = List.of("https://" + addresses.operatorConsoleHost() + (port == 443 ? "" : ":" + port)
                + "/*");
        JsonNode existing = keycloak.client(adminRealm, TenantDefaults.WEB_CLIENT_ID).orElse(null);
        if (existing == null) {
            keycloak.createClient(adminRealm, TenantDefaults.webClient(redirects));
            LOG.infof("realm %s: created client %s for %s", adminRealm, TenantDefaults.WEB_CLIENT_ID, redirects);
            existing = keycloak.client(adminRealm, TenantDefaults.WEB_CLIENT_ID).orElseThrow();
        } else {
            List<String> now = new ArrayList<>();
            existing.path("redirectUris").forEach(u -> now.add(u.asText()));
            if (!now.equals(redirects)) {
                keycloak.updateClient(adminRealm, existing.path("id").asText(), Map.of("redirectUris", redirects));
                LOG.infof("realm %s: client %s now redirects to %s", adminRealm, TenantDefaults.WEB_CLIENT_ID,
                        redirects);
            }
        }
        String id = existing.path("id").asText();
        if (!keycloak.clientRealmScope(adminRealm, id).contains(AdminRole.OPERATOR)) {
            keycloak.addClientRealmScope(adminRealm, id, operatorRole);
            LOG.infof("realm %s: client %s carries realm role %s", adminRealm, TenantDefaults.WEB_CLIENT_ID,
                    AdminRole.OPERATOR);
        }
    }

    /**
     * In the tenants' shared realm: the client exists, and its redirect addresses lose {@code remove} and gain
     * {@code add} (one tenant's host names changed; the other tenants' stay).
     */
    public void changeRedirects(String realm, List<String> remove, List<String> add) {
        JsonNode existing = keycloak.client(realm, TenantDefaults.WEB_CLIENT_ID).orElse(null);
        if (existing == null) {
            keycloak.createClient(realm, TenantDefaults.webClient(add));
            LOG.infof("realm %s: created client %s for %s", realm, TenantDefaults.WEB_CLIENT_ID, add);
            return;
        }
        List<String> now = new ArrayList<>();
        existing.path("redirectUris").forEach(u -> now.add(u.asText()));
        List<String> next = new ArrayList<>(now);
        next.removeAll(remove);
        add.stream().filter(u -> !next.contains(u)).forEach(next::add);
        if (!next.equals(now)) {
            keycloak.updateClient(realm, existing.path("id").asText(), Map.of("redirectUris", next));
            LOG.infof("realm %s: client %s redirects: removed %s, added %s", realm, TenantDefaults.WEB_CLIENT_ID,
                    remove, add);
        }
    }

    /** The portal addresses of a tenant with these own host names, as redirect addresses. */
    public List<String> redirectUris(String tenant, List<String> ownHostnames) {
        int port = addresses.sharing().webPort();
        String suffix = port == 443 ? "" : ":" + port;
        return addresses.hostnames(tenant, ownHostnames).stream().map(h -> "https://" + h + suffix + "/*").toList();
    }

    /** {@code https://<tenant>.<base domain>[:port]/*}: only the portal's own pages receive sign-in codes. */
    List<String> redirectUris(String tenant) {
        int port = addresses.sharing().webPort();
        String suffix = port == 443 ? "" : ":" + port;
        return addresses.hostnames(tenant, List.of()).stream().map(h -> "https://" + h + suffix + "/*").toList();
    }
}
