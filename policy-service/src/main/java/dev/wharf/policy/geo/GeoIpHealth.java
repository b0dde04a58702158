package dev.wharf.policy.geo;

import dev.wharf.policy.config.PolicyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN when a GeoIP database is configured and none is loaded (country rules would refuse everybody);
 * UP without a configured database, since tenants without country rules need none.
 */
@Readiness
@ApplicationScoped
public class GeoIpHealth implements HealthCheck {
    private final CountryLookup countries;
    private final PolicyConfig config;

    @Inject
    public GeoIpHealth(CountryLookup countries, PolicyConfig config) {
        this.countries = countries;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        if (config.geoip().database().isEmpty()) {
            return HealthCheckResponse.named("geoip").up().withData("database", "none configured").build();
        }
        String path = config.geoip().database().get().toString();
        return HealthCheckResponse.named("geoip").status(countries.loaded()).withData("database", path).build();
    }
}
