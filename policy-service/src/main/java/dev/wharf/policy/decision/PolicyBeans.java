package dev.wharf.policy.decision;

import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.ban.Defender;
import dev.wharf.policy.ban.DefenderEvent;
import dev.wharf.policy.ban.DefenderSettings;
import dev.wharf.policy.config.PolicyConfig;
import dev.wharf.state.KafkaSharedLog;
import dev.wharf.state.LocalSharedLog;
import dev.wharf.state.SharedLogConfig;
import dev.wharf.state.StateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import dev.wharf.policy.geo.CountryLookup;
import dev.wharf.policy.geo.GeoIpCountries;
import dev.wharf.policy.keycloak.KeycloakConfig;
import dev.wharf.policy.keycloak.TenantSettingsReader;
import dev.wharf.policy.site.SiteSettingsCache;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;

/** Wires the plain policy classes from configuration. */
@ApplicationScoped
public class PolicyBeans {

    /**
     * The defender over Kafka (every replica shares the bans), or over a local log when {@code wharf.state.enabled}
     * is false (one replica alone).
     */
    @Produces
    @ApplicationScoped
    Defender defender(PolicyConfig config, StateConfig state, Clock clock) {
        PolicyConfig.Defender d = config.defender();
        DefenderSettings settings = new DefenderSettings(d.maxFailures(), d.window(), d.banTime(), d.maxBanTime(),
                d.history(), d.maxTracked(), CidrList.of(d.exemptCidrs().orElse(List.of())));
        if (!state.enabled()) {
            return new Defender(settings, clock, LocalSharedLog::new);
        }
        SharedLogConfig kafka = state.sharedLog();
        return new Defender(settings, clock, handler -> KafkaSharedLog.start(kafka, d.topic(), DefenderEvent.class,
                d.history(), handler, clock));
    }

    void closeDefender(@Disposes Defender defender) {
        defender.close();
    }

    /** Starts replaying the defender's log at startup, not at the first request (readiness waits for it). */
    void startDefender(@Observes StartupEvent ev, Defender defender) {
        defender.caughtUp();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    TenantSettingsReader settingsReader(KeycloakConfig keycloak) {
        return new TenantSettingsReader(keycloak);
    }

    void closeSettingsReader(@Disposes TenantSettingsReader reader) {
        reader.close();
    }

    @Produces
    @ApplicationScoped
    SiteSettingsCache sites(TenantSettingsReader reader, PolicyConfig config, Clock clock) {
        PolicyConfig.Site s = config.site();
        return new SiteSettingsCache(reader::settings, s.cacheTtl(), s.maxStale(), s.cacheMaxTenants(), clock);
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
    PolicyDecider decider(Defender defender, PolicyConfig config, SiteSettingsCache sites, CountryLookup countries,
                          Clock clock) {
        return new PolicyDecider(defender, new HashSet<>(config.plainFtpAllowedTenants().orElse(List.of())),
                sites::settings, countries, clock);
    }
}
