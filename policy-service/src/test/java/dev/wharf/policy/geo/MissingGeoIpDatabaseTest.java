package dev.wharf.policy.geo;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.core.Reason;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.decision.PolicyDecider;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.policy.testing.Defenders;
import dev.wharf.policy.testing.GeoLiteDatabase;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A database configured but missing: readiness is DOWN and names the file, tenants with country rules are refused
 * ({@code country_unknown}) and others are not; once the file appears it is loaded without a restart. Plain objects
 * (the service wires the same ones), so that the module's Quarkus tests need no second profile.
 */
class MissingGeoIpDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void readinessIsDownAndCountryRulesDenyUntilTheDatabaseAppears() throws Exception {
        Path file = dir.resolve("GeoLite2-Country.mmdb");
        Clock clock = Clock.systemUTC();
        try (GeoIpCountries countries = new GeoIpCountries(file, Duration.ZERO, clock)) {
            GeoIpHealth health = new GeoIpHealth(countries, Optional.of(file));
            HealthCheckResponse down = health.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertEquals(file.toString(), down.getData().orElseThrow().get("database"));

            Map<String, SiteRules> sites = Map.of("geo", SiteRules.fromAttributes(
                    Map.of(RealmAttributes.DENIED_COUNTRIES, "KP")));
            PolicyDecider decider = new PolicyDecider(Defenders.local(clock), Set.of(),
                    t -> sites.getOrDefault(t, SiteRules.NONE), countries, clock);
            Principal ann = new Principal("geo", "ann", "id", List.of(), "/ann", List.of(), List.of());
            assertEquals(Decision.deny(Reason.COUNTRY_UNKNOWN), decider.connect("81.2.69.142", "geo", Protocol.FTPS));
            assertEquals(Decision.deny(Reason.COUNTRY_UNKNOWN),
                    decider.login(ann, Protocol.SFTP, "81.2.69.142", true));
            assertEquals(Decision.ALLOW, decider.connect("81.2.69.142", "no-rules-here", Protocol.FTPS));

            GeoLiteDatabase.country(file);
            assertEquals(HealthCheckResponse.Status.UP, health.call().getStatus());
            assertEquals(Decision.ALLOW, decider.connect("81.2.69.142", "geo", Protocol.FTPS));
        }
    }

    @Test
    void withoutAConfiguredDatabaseReadinessIsUp() {
        HealthCheckResponse r = new GeoIpHealth(CountryLookup.NONE, Optional.empty()).call();
        assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        assertEquals("none configured", r.getData().orElseThrow().get("database"));
    }
}
