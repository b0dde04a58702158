package dev.wharf.policy.rest;

import dev.wharf.policy.site.SiteSettings;
import dev.wharf.policy.testing.GeoIpProfiles;
import dev.wharf.policy.testing.KeycloakRealms;
import dev.wharf.policy.testing.PolicyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A database configured but missing: readiness says so, and tenants with country rules are refused. */
@QuarkusTest
@QuarkusTestResource(PolicyTestResource.class)
@TestProfile(GeoIpProfiles.MissingDatabase.class)
class MissingGeoIpDatabaseTest {

    @Test
    void readinessIsDownAndNamesTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'geoip' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'geoip' }.data.database",
                        equalTo(GeoIpProfiles.MissingDatabase.PATH));
    }

    @Test
    void countryRulesWithoutADatabaseDenyAndOtherTenantsAreUnaffected() {
        String tenant = "geo-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        KeycloakRealms.create(tenant, Map.of(SiteSettings.DENIED_COUNTRIES, "KP"));
        try {
            given().contentType(ContentType.JSON)
                    .body(Map.of("clientIp", "81.2.69.142", "tenant", tenant, "protocol", "ftps"))
                    .when().post("/v1/decisions/connect").then().statusCode(200)
                    .body("allowed", equalTo(false)).body("reason", equalTo("country_unknown"));
            given().contentType(ContentType.JSON)
                    .body(Map.of("clientIp", "81.2.69.142", "tenant", "no-rules-here", "protocol", "ftps"))
                    .when().post("/v1/decisions/connect").then().statusCode(200)
                    .body("allowed", equalTo(true));
        } finally {
            KeycloakRealms.delete(tenant);
        }
    }
}
