package dev.wharf.identity.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Optional;

/** Which tenant made a host name its own (site setting {@code hostnames}), for the gateways' tenant resolution. */
@ApplicationScoped
public class HostnameDirectory {
    private final TenantDirectory directory;

    @Inject
    public HostnameDirectory(TenantDirectory directory) {
        this.directory = directory;
    }

    /** The tenant whose own host name {@code host} is (case and a trailing dot ignored). */
    public Optional<String> tenantOf(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? Optional.empty() : directory.tenantOfHost(h);
    }
}
