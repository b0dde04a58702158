package dev.wharf.identity.tenant;

import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakRealm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which tenant made a host name its own (site setting {@code hostnames}), for the gateways' tenant resolution.
 * Keycloak cannot search realms by attribute, so the map of all tenants' host names is read in one call and kept
 * for {@link #REFRESH}; a tenant-wide admin change through this replica drops it at once.
 */
@ApplicationScoped
public class HostnameDirectory {
    static final Duration REFRESH = Duration.ofSeconds(30);

    private record Snapshot(Map<String, String> tenantByHost, Instant until) {
    }

    private final KeycloakAdmin keycloak;
    private final String adminRealm;
    private final Clock clock;
    private volatile Snapshot snapshot;

    @Inject
    public HostnameDirectory(KeycloakAdmin keycloak, KeycloakConfig config) {
        this(keycloak, config.adminRealm(), Clock.systemUTC());
    }

    HostnameDirectory(KeycloakAdmin keycloak, String adminRealm, Clock clock) {
        this.keycloak = keycloak;
        this.adminRealm = adminRealm.toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    /** The tenant whose own host name {@code host} is (case and a trailing dot ignored). */
    public Optional<String> tenantOf(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return Optional.ofNullable(current().tenantByHost().get(h));
    }

    void onChange(@Observes UserChanged change) {
        if (change.username() == null) {
            snapshot = null;
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && clock.instant().isBefore(s.until())) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s == null || !clock.instant().isBefore(s.until())) {
                s = new Snapshot(read(), clock.instant().plus(REFRESH));
                snapshot = s;
            }
            return s;
        }
    }

    private Map<String, String> read() {
        Map<String, String> byHost = new HashMap<>();
        for (KeycloakRealm realm : keycloak.realms()) {
            boolean tenant = "true".equals(realm.attributes().get(TenantDefaults.TENANT_MARKER))
                    && !realm.name().equals(adminRealm) && realm.enabled();
            if (tenant) {
                // the first tenant to claim a name keeps it (realms come in Keycloak's order, stable between reads)
                SiteAttributes.hostnames(realm.attributes())
                        .forEach(h -> byHost.putIfAbsent(h.toLowerCase(Locale.ROOT), realm.name()));
            }
        }
        return Map.copyOf(byHost);
    }
}
