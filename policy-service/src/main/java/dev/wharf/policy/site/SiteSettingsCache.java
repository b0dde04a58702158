package dev.wharf.policy.site;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.core.WharfException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Site settings per tenant, read from Keycloak at most once per {@code ttl} per tenant, so that a decision on a warm
 * cache never calls Keycloak. Names that are no realm are cached too (as {@link SiteRules#NONE}), so that clients
 * naming random tenants cannot make each connection a Keycloak call. When a refresh fails, the last known settings
 * are used for up to {@code maxStale} (an outage of Keycloak does not stop transfers at once, nor drop the rules);
 * with nothing known the failure ({@code service_unavailable}) reaches the caller.
 */
public final class SiteSettingsCache {
    private static final Logger LOG = Logger.getLogger(SiteSettingsCache.class);
    /** Tenant ids as identity-service allows them (a DNS label); anything else is no realm, and is not looked up. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private record Entry(SiteRules settings, Instant fetched) {
    }

    private final Function<String, Optional<SiteRules>> loader;
    private final Duration ttl;
    private final Duration maxStale;
    private final int maxTenants;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param loader     a realm's settings, empty when there is no such realm; throws {@link WharfException} when
     *                   Keycloak cannot answer
     * @param maxTenants tenants kept at most; the least recently fetched is dropped first
     */
    public SiteSettingsCache(Function<String, Optional<SiteRules>> loader, Duration ttl, Duration maxStale,
                             int maxTenants, Clock clock) {
        if (maxTenants < 1) {
            throw new IllegalArgumentException("maxTenants must be at least 1");
        }
        this.loader = loader;
        this.ttl = ttl;
        this.maxStale = maxStale;
        this.maxTenants = maxTenants;
        this.clock = clock;
    }

    /** The tenant's settings (its name in any case); {@link SiteRules#NONE} for a name that is no tenant. */
    public SiteRules settings(String name) {
        // host names are case-insensitive and tenant ids lower case: "ACME" must not escape acme's rules
        String tenant = name == null ? null : name.toLowerCase(Locale.ROOT);
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            return SiteRules.NONE;
        }
        Instant now = clock.instant();
        Entry e = entries.get(tenant);
        if (e != null && now.isBefore(e.fetched().plus(ttl))) {
            return e.settings();
        }
        SiteRules fresh;
        try {
            fresh = loader.apply(tenant).orElse(SiteRules.NONE);
        } catch (WharfException ex) {
            if (e != null && now.isBefore(e.fetched().plus(ttl).plus(maxStale))) {
                LOG.warnf("cannot refresh site settings of tenant %s, using those read at %s: %s", tenant,
                        e.fetched(), ex.getMessage());
                return e.settings();
            }
            throw ex;
        }
        if (!fresh.allowedCidrs().invalid().isEmpty()) {
            LOG.warnf("tenant %s has invalid %s entries %s: they match nothing", tenant, RealmAttributes.ALLOWED_CIDRS,
                    fresh.allowedCidrs().invalid());
        }
        if (e == null && entries.size() >= maxTenants) {
            evictOldest();
        }
        entries.put(tenant, new Entry(fresh, now));
        return fresh;
    }

    /** Forgets a tenant, so that its next decision reads Keycloak again (after an admin change). */
    public void invalidate(String tenant) {
        if (tenant != null) {
            entries.remove(tenant.toLowerCase(Locale.ROOT));
        }
    }

    /** Tenants cached now. */
    public int size() {
        return entries.size();
    }

    // Linear, but only when a new tenant arrives at a full cache; tenants are few next to decisions.
    private void evictOldest() {
        entries.entrySet().stream().min(Comparator.comparing(en -> en.getValue().fetched()))
                .ifPresent(oldest -> entries.remove(oldest.getKey(), oldest.getValue()));
    }
}
