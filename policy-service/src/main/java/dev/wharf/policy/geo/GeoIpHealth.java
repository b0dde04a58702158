package dev.wharf.policy.geo;

import dev.wharf.policy.config.PolicyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Readiness: DOWN when a GeoIP database is configured and none is loaded (country rules would refuse everybody);
 * UP without a configured database, since tenants without country rules need none.
 */
@Readiness
@ApplicationScoped
public class GeoIpHealth implements HealthCheck {
    private final CountryLookup countries;
    private final Optional<Path> database;

    @Inject
    public GeoIpHealth(CountryLookup countries, PolicyConfig config) {
        this(countries, config.geoip().database());
    }

    /** @param database the configured database file, if any */
    public GeoIpHealth(CountryLookup countries, Optional<Path> database) {
        this.countries = countries;
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        if (database.isEmpty()) {
            return HealthCheckResponse.named("geoip").up().withData("database", "none configured").build();
        }
        return HealthCheckResponse.named("geoip").status(countries.loaded())
                .withData("database", database.get().toString()).build();
    }
}
