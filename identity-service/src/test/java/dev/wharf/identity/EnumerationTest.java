package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, must-have 4, against a real Keycloak: until the password is verified, a 2FA user, a keys-only user,
 * a disabled user, a plain user and a user who does not exist get the same answer, byte for byte.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class EnumerationTest extends OneTenantTestBase {
    private static final String WRONG = "Wrong-password-1";

    @Override
    String tenantPrefix() {
        return "e";
    }

    /** One user of each kind; the key is the kind. */
    private static Map<String, String> usersOfEveryKind(String realm) {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("plain", TestTenants.newUser(realm, operatorToken, Map.of()));
        String twoFactor = TestTenants.newUser(realm, operatorToken, Map.of());
        TestTenants.admin(operatorToken).post("/v1/admin/tenants/" + realm + "/users/" + twoFactor + "/otp").then()
                .statusCode(201);
        users.put("2fa", twoFactor);
        String keysOnly = TestTenants.newUser(realm, operatorToken, Map.of());
        TestTenants.admin(operatorToken).body(Map.of("authMethod", "none"))
                .patch("/v1/admin/tenants/" + realm + "/users/" + keysOnly).then().statusCode(200);
        users.put("keys-only", keysOnly);
        users.put("disabled", TestTenants.newUser(realm, operatorToken, Map.of("enabled", false)));
        users.put("nonexistent", "u" + UUID.randomUUID().toString().substring(0, 8));
        return users;
    }

    /** The raw body of {@code /v1/authenticate}, byte for byte. */
    private static String answer(String realm, String user, String password, String otp, String ip) {
        Map<String, Object> body = new HashMap<>();
        body.put("tenant", realm);
        body.put("username", user);
        body.put("password", password);
        if (otp != null) {
            body.put("otp", otp);
        }
        body.put("clientIp", ip);
        body.put("protocol", "sftp");
        return TestGateway.given().body(body).post("/v1/authenticate").then().statusCode(200)
                .extract().asString();
    }

    @Test
    void aWrongPasswordGetsTheSameAnswerForEveryKindOfUser() {
        Map<String, String> users = usersOfEveryKind(tenant);
        String expected = answer(tenant, users.get("nonexistent"), WRONG, null, "192.0.2.20");
        assertEquals("{\"reason\":\"bad_credentials\"}", expected);
        users.forEach((kind, user) -> {
            assertEquals(expected, answer(tenant, user, WRONG, null, "192.0.2.21"), kind + ": wrong password");
            assertEquals(expected, answer(tenant, user, WRONG + "123456", null, "192.0.2.22"),
                    kind + ": wrong password with a code appended");
            assertEquals(expected, answer(tenant, user, WRONG, "123456", "192.0.2.23"),
                    kind + ": wrong password with a separate code");
            assertEquals(expected, answer(tenant, user, WRONG, "12ab", "192.0.2.24"),
                    kind + ": wrong password with a malformed code");
        });
    }

    @Test
    void onlyTheRightPasswordEarnsTheSpecificReason() {
        Map<String, String> users = usersOfEveryKind(tenant);
        assertEquals("ok", reason(answer(tenant, users.get("plain"), PASSWORD, null, "192.0.2.30")));
        assertEquals("second_factor_required", reason(answer(tenant, users.get("2fa"), PASSWORD, null, "192.0.2.30")));
        assertEquals("second_factor_invalid",
                reason(answer(tenant, users.get("2fa"), PASSWORD, "12ab56", "192.0.2.30")));
        assertEquals("password_login_not_allowed",
                reason(answer(tenant, users.get("keys-only"), PASSWORD, null, "192.0.2.30")));
        assertEquals("account_disabled", reason(answer(tenant, users.get("disabled"), PASSWORD, null, "192.0.2.30")));
        String disabled2fa = TestTenants.newUser(tenant, operatorToken, Map.of());
        admin().post("/v1/admin/tenants/" + tenant + "/users/" + disabled2fa + "/otp").then().statusCode(201);
        admin().body(Map.of("enabled", false, "authMethod", "none"))
                .patch("/v1/admin/tenants/" + tenant + "/users/" + disabled2fa).then().statusCode(200);
        assertEquals("{\"reason\":\"bad_credentials\"}", answer(tenant, disabled2fa, WRONG, null, "192.0.2.31"));
        assertEquals("account_disabled", reason(answer(tenant, disabled2fa, PASSWORD, null, "192.0.2.31")));
    }

    /**
     * What passing account_disabled through rests on: Keycloak 26.7.3 says "Account disabled" only after the right
     * password, and a wrong one is "Invalid user credentials" like anyone else's.
     */
    @Test
    void keycloakChecksADisabledUsersPasswordBeforeSayingSo() {
        String user = TestTenants.newUser(tenant, operatorToken, Map.of("enabled", false));
        assertEquals("400 {\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}",
                grantError(tenant, user, WRONG));
        assertEquals("400 {\"error\":\"invalid_grant\",\"error_description\":\"Account disabled\"}",
                grantError(tenant, user, PASSWORD));
    }

    private static String grantError(String tenant, String user, String password) {
        String realm = KeycloakTestAdmin.realmOf(tenant);
        String form = "grant_type=password&client_id=wharf-password-check&username="
                + enc(KeycloakTestAdmin.keycloakUser(tenant, user)) + "&password="
                + enc(password);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(KeycloakTestResource.serviceUrl()
                            + "/realms/" + realm + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The time of a refusal, in a realm with Keycloak's production password hash (test realms use a cheap one):
     * the median of several wrong-password refusals of each kind of user, printed for the record and compared.
     */
    @Test
    void aRefusalCostsAboutTheSameWhetherTheUserExistsOrNot() {
        String realm = "t" + UUID.randomUUID().toString().substring(0, 8);
        TestTenants.admin(operatorToken).body(Map.of("id", realm)).post("/v1/admin/tenants").then().statusCode(201);
        Map<String, String> users = usersOfEveryKind(realm);
        int rounds = 9;
        Map<String, Long> medians = new LinkedHashMap<>();
        users.forEach((kind, user) -> answer(realm, user, WRONG, null, "192.0.2.40")); // warm up
        users.forEach((kind, user) -> {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                answer(realm, user, WRONG + i, null, "192.0.2." + (41 + i));
                times.add((System.nanoTime() - t0) / 1_000_000);
            }
            medians.put(kind, times.stream().sorted().toList().get(rounds / 2));
        });
        System.out.println("wrong-password refusal, median of " + rounds + " (ms): " + medians);
        long none = medians.get("nonexistent");
        medians.forEach((kind, ms) -> assertTrue(ms < 3 * none + 50 && none < 3 * ms + 50,
                kind + " " + ms + " ms against a nonexistent user's " + none + " ms: " + medians));
    }

    private static String reason(String json) {
        return json.replaceAll(".*\"reason\":\"([a-z_]+)\".*", "$1");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
