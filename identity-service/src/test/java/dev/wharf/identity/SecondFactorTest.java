package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestTenants;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.identity.testing.TestTotp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TOTP second factor against a real Keycloak: enrolment, codes appended or separate, replay, grace window. */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class SecondFactorTest extends OneTenantTestBase {
    private static final String IP_A = "192.0.2.10";
    private static final String IP_B = "198.51.100.20";

    @Inject
    RecordingAuditSink audit;

    @Override
    String tenantPrefix() {
        return "f";
    }

    private static String newUser() {
        return TestTenants.newUser(tenant, operatorToken, Map.of());
    }

    /** Enrols the user and answers the secret. */
    private static String enrol(String user) {
        return admin().post(otpPath(user)).then().statusCode(201)
                .body("username", equalTo(user))
                .body("secret", matchesPattern("[A-Z2-7]{32}"))
                .body("otpauthUri", containsString("otpauth://totp/"))
                .extract().path("secret");
    }

    private static String otpPath(String user) {
        return "/v1/admin/tenants/" + tenant + "/users/" + user + "/otp";
    }

    private static ValidatableResponse login(String user, String password, String otp, String ip) {
        Map<String, Object> body = new HashMap<>();
        body.put("tenant", tenant);
        body.put("username", user);
        body.put("password", password);
        if (otp != null) {
            body.put("otp", otp);
        }
        body.put("clientIp", ip);
        body.put("protocol", "ftps");
        return TestGateway.given().body(body).post("/v1/authenticate").then().statusCode(200);
    }

    @Test
    void anEnrolledUserNeedsACodeAppendedToThePassword() {
        String user = newUser();
        String secret = enrol(user);
        admin().post(otpPath(user)).then().statusCode(409).body("reason", equalTo("already_exists"));
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && user.equals(e.data().get("target"))
                && "user.otp_enrolled".equals(e.data().get("action"))).size());

        login(user, PASSWORD, null, IP_A).body("reason", equalTo("second_factor_required"))
                .body("principal", nullValue())
                .body("portalUrl", equalTo(KeycloakTestResource.serviceUrl() + "/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/account"));
        login(user, PASSWORD + TestTotp.now(secret), null, IP_A).body("reason", equalTo("ok"))
                .body("portalUrl", nullValue())
                .body("principal.username", equalTo(user)).body("principal.home", equalTo("/" + user));
    }

    @Test
    void aCodeIsValidOnceEvenFromAnotherAddress() {
        String user = newUser();
        String secret = enrol(user);
        String code = TestTotp.now(secret);
        login(user, PASSWORD, code, IP_A).body("reason", equalTo("ok"));
        login(user, PASSWORD, code, IP_B).body("reason", equalTo("second_factor_reused"));
        login(user, PASSWORD + code, null, IP_A).body("reason", equalTo("second_factor_reused"));
    }

    @Test
    void wrongCodesAndWrongPasswordsAreRefused() {
        String user = newUser();
        String secret = enrol(user);
        login(user, PASSWORD, "12ab56", IP_A).body("reason", equalTo("second_factor_invalid"));
        login(user, PASSWORD, "12345", IP_A).body("reason", equalTo("second_factor_invalid"));
        // the password is checked alone first, so a refused code after it is the code's fault
        login(user, PASSWORD + TestTotp.wrong(secret), null, IP_A).body("reason", equalTo("second_factor_invalid"));
        login(user, "Wrong-password" + TestTotp.now(secret), null, IP_A).body("reason", equalTo("bad_credentials"));
        login(user, PASSWORD + TestTotp.now(secret), null, IP_A).body("reason", equalTo("ok"));
    }

    @Test
    void aRemovedSecondFactorIsNoLongerAsked() {
        String user = newUser();
        enrol(user);
        admin().delete(otpPath(user)).then().statusCode(204);
        login(user, PASSWORD, null, IP_A).body("reason", equalTo("ok"));
        admin().delete(otpPath(user)).then().statusCode(404).body("reason", equalTo("not_found"));
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && user.equals(e.data().get("target"))
                && "user.otp_removed".equals(e.data().get("action"))).size());

        admin().post(otpPath("nobody-" + user)).then().statusCode(404).body("reason", equalTo("not_found"));
        admin().post(otpPath("Bad Name")).then().statusCode(400).body("reason", equalTo("bad_request"));
        admin().post("/v1/admin/tenants/nosuchtenant/users/" + user + "/otp").then().statusCode(404)
                .body("reason", equalTo("unknown_tenant"));
        given().post(otpPath(user)).then().statusCode(401);
    }

    @Test
    void theGraceWindowLetsTheSameUserFromTheSameAddressInWithoutANewCode() {
        String settings = "/v1/admin/tenants/" + tenant + "/settings";
        admin().get(settings).then().statusCode(200).body("otpGraceSeconds", equalTo(0));
        admin().body(Map.of("otpGraceSeconds", -1)).put(settings).then().statusCode(400)
                .body("reason", equalTo("bad_request"));
        admin().body(Map.of("otpGraceSeconds", 86_401)).put(settings).then().statusCode(400);
        String user = newUser();
        String secret = enrol(user);
        try {
            admin().body(Map.of("otpGraceSeconds", 300)).put(settings).then().statusCode(200)
                    .body("otpGraceSeconds", equalTo(300));
            admin().get(settings).then().statusCode(200).body("otpGraceSeconds", equalTo(300));
            // the other site settings survive (Keycloak replaces realm attributes as a whole)
            assertEquals("true", KeycloakTestAdmin.tenantAttributes(tenant)
                    .path("wharf.tenant").asText());

            String code = TestTotp.now(secret);
            login(user, PASSWORD + code, null, IP_A).body("reason", equalTo("ok"));
            // parallel connections of the same client: the same password and code, or the password alone
            login(user, PASSWORD + code, null, IP_A).body("reason", equalTo("ok")).body("principal.username",
                    equalTo(user));
            login(user, PASSWORD, null, IP_A).body("reason", equalTo("ok"));
            // a wrong password says nothing about the second factor (issue 11)
            login(user, "Wrong-password", null, IP_A).body("reason", equalTo("bad_credentials"));
            // another address gets no grace
            login(user, PASSWORD, null, IP_B).body("reason", equalTo("second_factor_required"));
            login(user, PASSWORD + code, null, IP_B).body("reason", equalTo("second_factor_reused"));

            // an admin change to the user closes the window
            admin().body(Map.of("password", PASSWORD)).put("/v1/admin/tenants/" + tenant + "/users/" + user
                    + "/password").then().statusCode(204);
            login(user, PASSWORD, null, IP_A).body("reason", equalTo("second_factor_required"));
        } finally {
            admin().body(Map.of("otpGraceSeconds", 0)).put(settings).then().statusCode(200);
        }
    }
}
