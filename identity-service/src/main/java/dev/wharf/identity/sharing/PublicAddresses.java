package dev.wharf.identity.sharing;

import dev.wharf.identity.keycloak.KeycloakConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where users reach a tenant from outside: its host names and its web portal (Keycloak's account console). */
@ApplicationScoped
public class PublicAddresses {
    private final SharingConfig sharing;
    private final String portalBase;
    /** The realm of every tenant's users in the organizations model; null: each tenant's own realm. */
    private final String sharedRealm;

    /**
     * @param portalUrl {@code wharf.identity.portal-url}: Keycloak's public base URL for users' browsers (the
     *                  account console); default {@code wharf.keycloak.url}
     */
    @Inject
    public PublicAddresses(SharingConfig sharing, KeycloakConfig keycloak,
                           @ConfigProperty(name = "wharf.identity.portal-url") Optional<String> portalUrl,
                           dev.wharf.identity.tenant.TenancySettings tenancy) {
        this.sharing = sharing;
        this.sharedRealm = tenancy.model() == dev.wharf.core.tenant.Tenancy.ORGANIZATIONS ? tenancy.realm()
                : null;
        this.portalBase = portalUrl.filter(s -> !s.isBlank()).orElse(keycloak.url()).replaceAll("/+$", "");
    }

    public SharingConfig sharing() {
        return sharing;
    }

    /**
     * The tenant's web portal: Keycloak's account console of the realm its users live in (password change, 2FA
     * enrolment); in the organizations model the shared realm's, where users sign in as {@code <tenant>.<name>}.
     */
    public String portalUrl(String tenant) {
        return portalBase + "/realms/" + (sharedRealm == null ? tenant : sharedRealm) + "/account";
    }

    /**
     * The host users connect to: the tenant's first own host name, else the shared host
     * ({@code wharf.identity.sharing.shared-host}), else {@code <tenant>.<base domain>}, except that a base domain
     * {@code localhost} gives {@code 127.0.0.1}: {@code <tenant>.localhost} does not resolve for every client.
     */
    public String host(String tenant, List<String> customHostnames) {
        if (!customHostnames.isEmpty()) {
            return customHostnames.get(0);
        }
        return sharing.sharedHost().filter(h -> !h.isBlank()).map(String::strip)
                .orElseGet(() -> baseDomain().equals("localhost") ? "127.0.0.1" : defaultHost(tenant));
    }

    /** The host name that names the tenant (in a qualified user name or TLS SNI): its own first, else the default. */
    public String tenantHost(String tenant, List<String> customHostnames) {
        return customHostnames.isEmpty() ? defaultHost(tenant) : customHostnames.get(0);
    }

    /** The tenant's own SFTP address from {@code sftp-tenant-addresses}, if it has one. */
    public Optional<String> sftpAddress(String tenant) {
        for (String entry : sharing.sftpTenantAddresses().orElse(List.of())) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0 && entry.substring(eq + 1).strip().equals(tenant)) {
                return Optional.of(entry.substring(0, eq).strip());
            }
        }
        return Optional.empty();
    }

    /** Every host name of the tenant: {@code <tenant>.<base domain>} and its own. */
    public List<String> hostnames(String tenant, List<String> customHostnames) {
        List<String> out = new ArrayList<>();
        out.add(defaultHost(tenant));
        customHostnames.stream().filter(h -> !out.contains(h)).forEach(out::add);
        return out;
    }

    /** The base domain itself: the host of gateway-web's operator console, which belongs to no tenant. */
    public String operatorConsoleHost() {
        return baseDomain();
    }

    private String defaultHost(String tenant) {
        return tenant + "." + baseDomain();
    }

    private String baseDomain() {
        return sharing.baseDomain().toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", "");
    }
}
