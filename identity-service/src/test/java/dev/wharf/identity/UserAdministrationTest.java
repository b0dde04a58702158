package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.identity.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Users shown, changed and deleted, password logins withdrawn, and sharing details, against a real Keycloak. */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class UserAdministrationTest extends OneTenantTestBase {

    @Inject
    RecordingAuditSink audit;

    @Override
    String tenantPrefix() {
        return "s";
    }

    private static String user(String name) {
        return "/v1/admin/tenants/" + tenant + "/users/" + name;
    }

    @Test
    void aUserIsShownWithEverySetting() {
        String name = newUser(Map.of("home", "/data/x", "allowedProtocols", List.of("sftp", "ftps"),
                "allowedCidrs", List.of("192.0.2.0/24"), "mustChangePassword", true));
        KeycloakTestAdmin.addToNewGroup(tenant, name, "g" + name);
        admin().body(Map.of("name", "k1")).post(user(name) + "/apikeys").then().statusCode(201);
        admin().get(user(name)).then().statusCode(200)
                .body("username", equalTo(name))
                .body("enabled", equalTo(true))
                .body("home", equalTo("/data/x"))
                .body("authMethod", equalTo("password"))
                .body("allowedProtocols", contains("sftp", "ftps"))
                .body("allowedCidrs", contains("192.0.2.0/24"))
                .body("groups", contains("g" + name))
                .body("mustChangePassword", equalTo(true))
                .body("otp", equalTo(false))
                .body("sshKeys", equalTo(0))
                .body("apiKeys", equalTo(1))
                .body("created", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        admin().get(user("nobody-" + name)).then().statusCode(404).body("reason", equalTo("not_found"));
        admin().get(user("Bad Name")).then().statusCode(400).body("reason", equalTo("bad_request"));
    }

    @Test
    void aPatchChangesOnlyTheFieldsGivenAndLoginsFollowAtOnce() {
        String name = newUser(Map.of("home", "/data/y"));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("ok"));

        // the successful check above is cached: disabling must drop it
        admin().body(Map.of("enabled", false)).patch(user(name)).then().statusCode(200)
                .body("enabled", equalTo(false)).body("home", equalTo("/data/y"));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("account_disabled"));

        admin().body(Map.of("enabled", true, "home", "/data/z", "allowedProtocols", List.of("ftps"),
                "allowedCidrs", List.of("198.51.100.0/24"))).patch(user(name)).then().statusCode(200)
                .body("home", equalTo("/data/z")).body("allowedProtocols", contains("ftps"));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("ok"))
                .body("principal.home", equalTo("/data/z"))
                .body("principal.allowedProtocols", contains("ftps"))
                .body("principal.allowedCidrs", contains("198.51.100.0/24"));

        admin().body(Map.of("mustChangePassword", true)).patch(user(name)).then().statusCode(200)
                .body("mustChangePassword", equalTo(true));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("password_change_required"))
                .body("portalUrl", equalTo(KeycloakTestResource.serviceUrl() + "/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/account"));
        admin().body(Map.of("mustChangePassword", false, "allowedProtocols", List.of(), "allowedCidrs", List.of()))
                .patch(user(name)).then().statusCode(200).body("mustChangePassword", equalTo(false))
                .body("allowedProtocols", empty()).body("allowedCidrs", empty());
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("ok"))
                .body("principal.allowedProtocols", empty());
        assertEquals(4, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && tenant.equals(e.tenant())
                && name.equals(e.data().get("target")) && "user.updated".equals(e.data().get("action"))).size());
    }

    @Test
    void badPatchesNameTheFieldAndChangeNothing() {
        String name = newUser(Map.of());
        admin().body(Map.of("enabled", false, "authMethod", "magic")).patch(user(name)).then().statusCode(400)
                .body("message", containsString("authMethod"));
        admin().body(Map.of("enabled", false, "allowedProtocols", List.of("gopher"))).patch(user(name)).then()
                .statusCode(400).body("message", containsString("allowedProtocols"));
        admin().body(Map.of("enabled", false, "allowedCidrs", List.of("10.1"))).patch(user(name)).then()
                .statusCode(400).body("message", containsString("allowedCidrs"));
        admin().body(Map.of("enabled", false, "home", "x/../y")).patch(user(name)).then().statusCode(400)
                .body("message", containsString("home"));
        admin().body(Map.of("enabled", false)).patch(user("nobody-" + name)).then().statusCode(404);
        admin().body(Map.of("enabled", false)).patch("/v1/admin/tenants/nosuch" + tenant + "/users/" + name).then()
                .statusCode(404).body("reason", equalTo("unknown_tenant"));
        admin().get(user(name)).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void expiryAndSessionLimitAreShownCheckedAndEnforced() {
        String name = newUser(Map.of());
        admin().body(Map.of("expires", "2000-01-31", "maxSessions", 1)).patch(user(name)).then().statusCode(200)
                .body("expires", equalTo("2000-01-31")).body("maxSessions", equalTo(1));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("account_expired"));
        TestTenants.login(tenant, name, "Wrong-" + PASSWORD).body("reason", equalTo("bad_credentials"));
        admin().body(Map.of("expires", "")).patch(user(name)).then().statusCode(200)
                .body("expires", equalTo(null)).body("maxSessions", equalTo(1));
        admin().body(Map.of("expires", "soon")).patch(user(name)).then().statusCode(400)
                .body("message", containsString("expires"));
        admin().body(Map.of("maxSessions", 0)).patch(user(name)).then().statusCode(400)
                .body("message", containsString("maxSessions"));

        // one session at a time: the second is refused until the first one's gateway says it ended
        String grant = session(name, "s1-" + name).body("reason", equalTo("ok")).extract().path("grant");
        session(name, "s2-" + name).body("reason", equalTo("session_limit_reached"));
        TestGateway.given().body(Map.of("grant", grant)).post("/v1/grants/end").then().statusCode(204);
        session(name, "s2-" + name).body("reason", equalTo("ok"));
        admin().body(Map.of("maxSessions", -1)).patch(user(name)).then().statusCode(200)
                .body("maxSessions", equalTo(null));
    }

    @Test
    void bandwidthLimitsAreShownCheckedAndHandedToTheGatewayWithTheGrant() {
        String name = newUser(Map.of());
        admin().body(Map.of("uploadBytesPerSecond", 65536, "downloadBytesPerSecond", 131072)).patch(user(name))
                .then().statusCode(200).body("uploadBytesPerSecond", equalTo(65536))
                .body("downloadBytesPerSecond", equalTo(131072));
        admin().body(Map.of("uploadBytesPerSecond", 1000)).patch(user(name)).then().statusCode(400)
                .body("message", containsString("uploadBytesPerSecond"));
        String grant = session(name, "bw-" + name).body("grantBandwidth.upload", equalTo(65536))
                .body("grantBandwidth.download", equalTo(131072)).extract().path("grant");

        // a change reaches running sessions with the next renewal; no limit: no field
        admin().body(Map.of("uploadBytesPerSecond", -1, "downloadBytesPerSecond", -1)).patch(user(name)).then()
                .statusCode(200).body("uploadBytesPerSecond", equalTo(null));
        TestGateway.given().body(Map.of("grant", grant)).post("/v1/grants/renew").then().statusCode(200)
                .body("grant", org.hamcrest.Matchers.notNullValue()).body("bandwidth", equalTo(null));
        admin().body(Map.of("downloadBytesPerSecond", 2048)).patch(user(name)).then().statusCode(200);
        TestGateway.given().body(Map.of("grant", grant)).post("/v1/grants/renew").then().statusCode(200)
                .body("bandwidth.download", equalTo(2048)).body("bandwidth.upload", equalTo(null));
    }

    private io.restassured.response.ValidatableResponse session(String name, String sessionId) {
        return TestGateway.given().body(Map.of("tenant", tenant, "username", name, "password", PASSWORD,
                "clientIp", "192.0.2.1", "protocol", "sftp", "sessionId", sessionId)).post("/v1/authenticate")
                .then().statusCode(200);
    }

    @Test
    void authMethodNoneRefusesPasswordsButNotKeys() {
        String name = newUser(Map.of());
        String secret = admin().body(Map.of("name", "key-" + name)).post(user(name) + "/apikeys").then()
                .statusCode(201).extract().path("secret");
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("ok"));

        admin().body(Map.of("authMethod", "none")).patch(user(name)).then().statusCode(200)
                .body("authMethod", equalTo("none"));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("password_login_not_allowed"));
        // only the right password learns that passwords are not allowed: a wrong one is any wrong password
        TestTenants.login(tenant, name, "wrong-password").body("reason", equalTo("bad_credentials"));
        TestTenants.login(tenant, "@api-key-" + name, secret).body("reason", equalTo("ok"))
                .body("principal.username", equalTo(name));

        admin().body(Map.of("authMethod", "password")).patch(user(name)).then().statusCode(200)
                .body("authMethod", equalTo("password"));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("ok"));
    }

    @Test
    void aDeletedUserIsGoneEverywhere() {
        String name = newUser(Map.of());
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("ok"));
        admin().delete(user(name)).then().statusCode(204);
        admin().get(user(name)).then().statusCode(404);
        admin().delete(user(name)).then().statusCode(404).body("reason", equalTo("not_found"));
        TestTenants.login(tenant, name, PASSWORD).body("reason", equalTo("bad_credentials"));
        assertEquals(1, audit.matching(e -> tenant.equals(e.tenant()) && name.equals(e.data().get("target"))
                && "user.deleted".equals(e.data().get("action"))).size());
    }

    @Test
    void aNewUserComesWithSharingDetailsForEachAllowedProtocol() {
        String name = "share" + System.nanoTime() % 1_000_000;
        admin().body(Map.of("username", name)).post("/v1/admin/tenants/" + tenant + "/users").then().statusCode(201)
                .body("password", notNullValue())
                .body("sharing", hasSize(3))
                .body("sharing.protocol", contains("sftp", "ftps", "ftps-implicit"))
                // <tenant>.localhost does not resolve for every client; the shared address cannot name the tenant
                .body("sharing.host", contains("127.0.0.1", "127.0.0.1", "127.0.0.1"))
                .body("sharing.port", contains(2222, 2121, 2990))
                .body("sharing.username", everyItem(equalTo(name + "@" + tenant + ".localhost")))
                .body("sharing[0].portalUrl",
                        equalTo(KeycloakTestResource.serviceUrl() + "/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/account"))
                .body("sharing[0].instructions", containsString("host 127.0.0.1, port 2222 (or port 2022 where a"
                        + " firewall blocks port 2222), user name " + name + "@" + tenant + ".localhost."));

        String sftpOnly = "sftp" + System.nanoTime() % 1_000_000;
        admin().body(Map.of("username", sftpOnly, "allowedProtocols", List.of("sftp")))
                .post("/v1/admin/tenants/" + tenant + "/users").then().statusCode(201)
                .body("sharing.protocol", contains("sftp"));
    }

    @Test
    void sharingDetailsFollowTheSiteSettings() {
        String name = newUser(Map.of("allowedProtocols", List.of("ftps", "ftp")));
        admin().get(user(name) + "/sharing?protocol=ftps-implicit").then().statusCode(200)
                .body("protocol", equalTo("ftps-implicit")).body("port", equalTo(2990))
                .body("host", equalTo("127.0.0.1")).body("username", equalTo(name + "@" + tenant + ".localhost"));
        admin().get(user(name) + "/sharing?protocol=ftp").then().statusCode(400)
                .body("message", containsString("plainFtpAllowed"));
        admin().get(user(name) + "/sharing?protocol=sftp").then().statusCode(400);
        admin().get(user(name) + "/sharing?protocol=gopher").then().statusCode(400);
        admin().get(user(name) + "/sharing").then().statusCode(400);
        admin().get(user("nobody-" + name) + "/sharing?protocol=ftps").then().statusCode(404);

        String settings = "/v1/admin/tenants/" + tenant + "/settings";
        admin().body(Map.of("plainFtpAllowed", true, "hostnames", List.of("files.example.com")))
                .put(settings).then().statusCode(200);
        try {
            // plain FTP carries no host name, FTPS does (SNI): only the former needs the qualified name
            admin().get(user(name) + "/sharing?protocol=ftp").then().statusCode(200)
                    .body("host", equalTo("files.example.com")).body("port", equalTo(2121))
                    .body("username", equalTo(name + "@files.example.com"))
                    .body("instructions", containsString("unencrypted"));
            admin().get(user(name) + "/sharing?protocol=ftps").then().statusCode(200)
                    .body("host", equalTo("files.example.com")).body("username", equalTo(name));
            // the gateways' lookup (no token: cluster-internal, as /v1/authenticate); case and a final dot ignored
            TestGateway.given().get("/v1/hostnames/Files.Example.COM.").then().statusCode(200)
                    .body("tenant", equalTo(tenant));
            TestGateway.given().get("/v1/hostnames/nobody." + tenant + ".example").then()
                    .statusCode(404).body("reason", equalTo("not_found"));
        } finally {
            admin().body(Map.of("plainFtpAllowed", false, "hostnames", List.of())).put(settings).then()
                    .statusCode(200);
        }
    }

    @Test
    void aTenantWithItsOwnSftpAddressIsHandedOverThatAddressAndThePlainUserName() {
        String own = KeycloakTestResource.OWN_SFTP_ADDRESS_TENANT;
        if (admin().body(Map.of("id", own)).post("/v1/admin/tenants").then().extract().statusCode() == 201) {
            KeycloakTestAdmin.useCheapPasswordHash(own);
        }
        String name = TestTenants.newUser(own, operatorToken, Map.of());
        admin().get("/v1/admin/tenants/" + own + "/users/" + name + "/sharing?protocol=sftp").then().statusCode(200)
                .body("host", equalTo("192.0.2.50")).body("port", equalTo(2222)).body("username", equalTo(name));
        admin().get("/v1/admin/tenants/" + own + "/users/" + name + "/sharing?protocol=ftps").then().statusCode(200)
                .body("host", equalTo("127.0.0.1")).body("username", equalTo(name + "@" + own + ".localhost"));
    }
}
