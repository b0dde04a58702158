package dev.wharf.policy.rest;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.policy.testing.Gateway;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.policy.site.AdminChangeListener;
import dev.wharf.policy.testing.AdminChanges;
import dev.wharf.policy.testing.KeycloakRealms;
import dev.wharf.policy.testing.PolicyTestResource;
import dev.wharf.policy.testing.RecordingAuditSink;
import dev.wharf.launcher.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Site rules read from a real Keycloak's realm attributes, with the real GeoLite2 Country database. */
@QuarkusTest
@QuarkusTestResource(PolicyTestResource.class)
class SiteRulesTest {
    @Inject
    AdminChangeListener listener;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private static final String RANGES = "ranges-" + SUFFIX;
    private static final String UK = "uk-" + SUFFIX;
    private static final String PLAIN = "plain-" + SUFFIX;
    private static final String GROUPS = "groups-" + SUFFIX;

    @Inject
    RecordingAuditSink audit;

    @BeforeAll
    static void realms() {
        KeycloakRealms.create(RANGES, Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24,2001:db8:1::/48"));
        KeycloakRealms.create(UK, Map.of(RealmAttributes.ALLOWED_COUNTRIES, "GB"));
        KeycloakRealms.create(PLAIN, Map.of(RealmAttributes.PLAIN_FTP, "true", RealmAttributes.ACTIVE_FTP, "true"));
        KeycloakRealms.create(GROUPS, Map.of(RealmAttributes.PROTOCOLS_PER_GROUP, "true"));
        KeycloakRealms.createGroup(GROUPS, "sftp-users", Map.of(RealmAttributes.GROUP_PROTOCOLS, "sftp"));
        KeycloakRealms.createGroup(GROUPS, "partners", Map.of(RealmAttributes.GROUP_PROTOCOLS, "ftps,sftp"));
    }

    @AfterAll
    static void cleanUp() {
        for (String r : List.of(RANGES, UK, PLAIN, GROUPS)) {
            KeycloakRealms.delete(r);
        }
    }

    private static io.restassured.response.ValidatableResponse connect(String ip, String tenant) {
        return Gateway.given()
                .body(Map.of("clientIp", ip, "tenant", tenant, "protocol", "sftp"))
                .when().post("/v1/decisions/connect").then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse login(String tenant, String ip, String protocol,
                                                                     boolean encrypted) {
        return login(tenant, List.of(), ip, protocol, encrypted);
    }

    private static io.restassured.response.ValidatableResponse login(String tenant, List<String> groups, String ip,
                                                                     String protocol, boolean encrypted) {
        Map<String, Object> principal = Map.of("tenant", tenant, "username", "ann", "userId", "id-1",
                "groups", groups, "home", "/ann", "allowedProtocols", List.of(), "allowedCidrs", List.of());
        return Gateway.given()
                .body(Map.of("principal", principal, "protocol", protocol, "clientIp", ip, "encrypted", encrypted))
                .when().post("/v1/decisions/login").then().statusCode(200);
    }

    @Test
    void siteRangesFromTheRealmApplyAtConnectAndLogin() {
        connect("203.0.113.9", RANGES).body("allowed", equalTo(true));
        connect("2001:db8:1::9", RANGES).body("allowed", equalTo(true));
        connect("::ffff:198.51.100.9", RANGES).body("allowed", equalTo(false))
                .body("reason", equalTo("address_not_allowed"));
        login(RANGES, "2001:db8:2::9", "sftp", true).body("reason", equalTo("address_not_allowed"));

        List<AuditEvent> denied = audit.matching(e -> e.type() == AuditType.POLICY_DENIED
                && RANGES.equals(e.tenant()) && "address_not_allowed".equals(e.reason()));
        assertEquals(List.of("connect", "login"), denied.stream().map(e -> e.data().get("stage")).toList());
        assertEquals("198.51.100.9", denied.get(0).clientAddress());
    }

    @Test
    void countryRulesUseTheGeoIpDatabase() {
        connect("81.2.69.142", UK).body("allowed", equalTo(true));
        connect("8.8.8.8", UK).body("allowed", equalTo(false)).body("reason", equalTo("country_not_allowed"));
        connect("10.9.8.7", UK).body("allowed", equalTo(false)).body("reason", equalTo("country_unknown"));
        assertEquals(1, audit.matching(e -> UK.equals(e.tenant()) && "country_unknown".equals(e.reason())).size());
    }

    @Test
    void plainAndActiveFtpFollowTheRealmAttributes() {
        login(PLAIN, "203.0.113.9", "ftp", false).body("allowed", equalTo(true));
        login(PLAIN, "203.0.113.9", "ftps", true).body("activeFtp", equalTo(true));
        login(PLAIN, "203.0.113.9", "sftp", true).body("activeFtp", equalTo(false));
        login(RANGES, "203.0.113.9", "ftps", true).body("allowed", equalTo(true)).body("activeFtp", equalTo(false));
        login(UK, "81.2.69.142", "ftp", false).body("allowed", equalTo(false))
                .body("reason", equalTo("encryption_required"));
    }

    @Test
    void aChangedAttributeAppliesOnTheAdminChangeEventBeforeTheCacheTtl() {
        String tenant = "change-" + SUFFIX;
        KeycloakRealms.create(tenant, Map.of());
        try {
            Poll.until("the admin-change listener reads the audit topic", Duration.ofSeconds(60), null,
                    listener::listening);
            connect("198.51.100.9", tenant).body("allowed", equalTo(true));
            KeycloakRealms.setAttributes(tenant, Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24"));
            // still cached: the test profile's TTL is 10 minutes
            connect("198.51.100.9", tenant).body("allowed", equalTo(true));
            AdminChanges.publish(tenant, "tenant.settings_changed");
            Poll.until("the new site allowlist to take effect", Duration.ofSeconds(30), null,
                    () -> !connect("198.51.100.9", tenant).extract().<Boolean>path("allowed"));
            connect("198.51.100.9", tenant).body("reason", equalTo("address_not_allowed"));
            connect("203.0.113.9", tenant).body("allowed", equalTo(true));
        } finally {
            KeycloakRealms.delete(tenant);
        }
    }

    @Test
    void perGroupProtocolsComeFromTheRealmsGroups() {
        login(GROUPS, List.of("sftp-users"), "203.0.113.9", "sftp", true).body("allowed", equalTo(true));
        login(GROUPS, List.of("partners"), "203.0.113.9", "ftps", true).body("allowed", equalTo(true));
        login(GROUPS, List.of("sftp-users"), "203.0.113.9", "ftps", true).body("allowed", equalTo(false))
                .body("reason", equalTo("protocol_not_allowed"));
        login(GROUPS, List.of(), "203.0.113.9", "sftp", true).body("reason", equalTo("protocol_not_allowed"));
    }

    @Test
    void readinessReportsTheLoadedGeoIpDatabase() {
        Poll.until("readiness", Duration.ofSeconds(60), null,
                () -> given().when().get("/q/health/ready").then().extract().statusCode() == 200);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'geoip' }.status", equalTo("UP"));
    }
}
