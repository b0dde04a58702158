package dev.wharf.policy.decision;

import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.ban.BanSettings;
import dev.wharf.policy.ban.BanStore;
import dev.wharf.policy.ban.InMemoryBanStore;
import dev.wharf.policy.config.PolicyConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.policy.geo.CountryLookup;
import dev.wharf.policy.geo.GeoIpCountries;
import dev.wharf.policy.keycloak.KeycloakConfig;
import dev.wharf.policy.keycloak.RealmAttributeReader;
import dev.wharf.policy.site.SiteSettings;
import dev.wharf.policy.site.SiteSettingsCache;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Wires the plain policy classes from configuration. */
@ApplicationScoped
public class PolicyBeans {

    /** In-process bans; a shared store replaces this bean (it is the default, not the only one). */
    @Produces
    @ApplicationScoped
    @DefaultBean
    BanStore banStore(PolicyConfig config) {
        PolicyConfig.Ban b = config.ban();
        return new InMemoryBanStore(new BanSettings(b.maxFailures(), b.window(), b.duration(), b.maxTrackedAddresses()));
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    RealmAttributeReader realmReader(KeycloakConfig keycloak, ObjectMapper json) {
        return new RealmAttributeReader(keycloak, json);
    }

    void closeRealmReader(@Disposes RealmAttributeReader reader) {
        reader.close();
    }

    @Produces
    @ApplicationScoped
    SiteSettingsCache sites(RealmAttributeReader reader, PolicyConfig config, Clock clock) {
        PolicyConfig.Site s = config.site();
        return new SiteSettingsCache(tenant -> read(reader, tenant), s.cacheTtl(), s.maxStale(), s.cacheMaxTenants(),
                clock);
    }

    /** A tenant's settings; its groups are read only when the tenant controls protocols per group. */
    static Optional<SiteSettings> read(RealmAttributeReader reader, String tenant) {
        return reader.attributes(tenant).map(SiteSettings::fromAttributes).map(s -> s.protocolsPerGroup()
                ? s.withGroupProtocols(reader.groupAttribute(tenant, SiteSettings.GROUP_PROTOCOLS)) : s);
    }

    /** The configured database; without one, {@link CountryLookup#NONE} (tenants with country rules are refused). */
    @Produces
    @ApplicationScoped
    CountryLookup countries(PolicyConfig config, Clock clock) {
        return config.geoip().database()
                .<CountryLookup>map(p -> new GeoIpCountries(p, config.geoip().checkInterval(), clock))
                .orElse(CountryLookup.NONE);
    }

    @Produces
    @ApplicationScoped
    PolicyDecider decider(BanStore bans, PolicyConfig config, SiteSettingsCache sites, CountryLookup countries,
                          Clock clock) {
        CidrList exempt = CidrList.of(config.ban().exempt().orElse(List.of()));
        if (!exempt.invalid().isEmpty()) {
            throw new IllegalArgumentException("wharf.policy.ban.exempt has entries that are not addresses or CIDR "
                    + "ranges: " + exempt.invalid());
        }
        return new PolicyDecider(bans, exempt, new HashSet<>(config.plainFtpAllowedTenants().orElse(List.of())),
                sites::settings, countries, clock);
    }
}
