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

    /**
     * @param portalUrl {@code wharf.identity.portal-url}: Keycloak's public base URL for users' browsers (the
     *                  account console); default {@code wharf.keycloak.url}
     */
    @Inject
    public PublicAddresses(SharingConfig sharing, KeycloakConfig keycloak,
                           @ConfigProperty(name = "wharf.identity.portal-url") Optional<String> portalUrl) {
        this.sharing = sharing;
        this.portalBase = portalUrl.filter(s -> !s.isBlank()).orElse(keycloak.url()).replaceAll("/+$", "");
    }

    public SharingConfig sharing() {
        return sharing;
    }

    /** The tenant's web portal: Keycloak's account console of its realm (password change, 2FA enrolment). */
    public String portalUrl(String tenant) {
        return portalBase + "/realms/" + tenant + "/account";
    }

    /** The host users connect to: the tenant's first own host name, else {@code <tenant>.<base domain>}. */
    public String host(String tenant, List<String> customHostnames) {
        return customHostnames.isEmpty() ? defaultHost(tenant) : customHostnames.get(0);
    }

    /** Every host name of the tenant: {@code <tenant>.<base domain>} and its own. */
    public List<String> hostnames(String tenant, List<String> customHostnames) {
        List<String> out = new ArrayList<>();
        out.add(defaultHost(tenant));
        customHostnames.stream().filter(h -> !out.contains(h)).forEach(out::add);
        return out;
    }

    private String defaultHost(String tenant) {
        return tenant + "." + sharing.baseDomain().toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", "");
    }
}
