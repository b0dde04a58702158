package dev.wharf.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.Reason;
import dev.wharf.e2e.cli.IdentityProbe;
import dev.wharf.launcher.KeycloakServer;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static dev.wharf.e2e.AuditLog.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, must-have 4, through the whole platform with real clients over FTPS and SFTP: an expired account, a
 * site that requires 2FA, a password older than the site's maximum age, and a per-user session limit; each refusal
 * reaches the client with its reason and the audit trail with its code.
 */
class AccountLifecycleEndToEndIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String TENANT = "lc-" + SUFFIX;
    private static final String STRICT = "lc2fa-" + SUFFIX;
    private static final String AGED = "lcage-" + SUFFIX;
    // ends in a letter: a 2FA user's password that ends in 6 digits is read as password + code
    private static final String PASSWORD = "Lifecycle-" + UUID.randomUUID() + "-x";
    private static final String CLIENT = "198.51.100.14";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String otpSecret;

    private final E2ePlatform platform = E2ePlatform.get();

    @BeforeAll
    static void tenantsAndUsers() throws Exception {
        AdminApi admin = E2ePlatform.get().admin();
        admin.tenant(TENANT, null);
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        admin.user(TENANT, "expired", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/users/expired", "{\"expires\":\"" + yesterday + "\"}");
        admin.user(TENANT, "current", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/users/current", "{\"expires\":\"2099-12-31\"}");
        admin.user(TENANT, "limited", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/users/limited", "{\"maxSessions\":2}");

        admin.tenant(STRICT, "{\"secondFactorRequired\":true}");
        admin.user(STRICT, "nototp", PASSWORD, null);
        admin.user(STRICT, "withotp", PASSWORD, null);
        otpSecret = JSON.readTree(admin.send("POST", "/v1/admin/tenants/" + STRICT + "/users/withotp/otp", null))
                .path("secret").asText();

        admin.tenant(AGED, "{\"passwordMaxAgeDays\":30}");
        admin.user(AGED, "fresh", PASSWORD, null);
    }

    private static String user(String name, String tenant) {
        return name + "@" + tenant + ".localhost";
    }

    /** The reply carries the reason's message (FTP may go on with the portal's address after its last word). */
    private static void assertTold(String reply, Reason reason) {
        String message = reason.userMessage().replaceAll("\\.$", "");
        assertTrue(reply != null && reply.contains(message),
                "expected the " + reason.code() + " message, got: " + reply);
    }

    @Test
    void anExpiredAccountIsRefusedOverFtpsAndSftpOnlyAfterItsPassword() throws Exception {
        assertTold(LoginProbes.ftps(platform, CLIENT, user("expired", TENANT), PASSWORD), Reason.ACCOUNT_EXPIRED);
        String sftp = LoginProbes.sftp(platform, CLIENT, user("expired", TENANT), PASSWORD);
        assertTold(sftp, Reason.ACCOUNT_EXPIRED);
        assertTrue(sftp.contains("account_expired"), sftp);
        // a wrong password learns nothing about the account
        assertTold(LoginProbes.ftps(platform, CLIENT, user("expired", TENANT), "Wrong-" + PASSWORD),
                Reason.BAD_CREDENTIALS);
        assertNull(LoginProbes.ftps(platform, CLIENT, user("current", TENANT), PASSWORD), "not yet expired");
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.login.failed", Map.of("tenant", TENANT, "user", "expired", "protocol", "ftps",
                            "reason", "account_expired")),
                    of("dev.wharf.login.failed", Map.of("tenant", TENANT, "user", "expired", "protocol", "sftp",
                            "reason", "account_expired")));
        }
    }

    @Test
    void aSiteThatRequires2faRefusesAUserWithoutItAndAdmitsOneWithIt() throws Exception {
        String ftps = LoginProbes.ftps(platform, CLIENT, user("nototp", STRICT), PASSWORD);
        assertTold(ftps, Reason.SECOND_FACTOR_ENROLMENT_REQUIRED);
        assertTrue(ftps.contains("/account"), "the reply names where to enrol: " + ftps);
        assertTold(LoginProbes.sftp(platform, CLIENT, user("nototp", STRICT), PASSWORD),
                Reason.SECOND_FACTOR_ENROLMENT_REQUIRED);
        assertTold(LoginProbes.ftps(platform, CLIENT, user("withotp", STRICT), PASSWORD),
                Reason.SECOND_FACTOR_REQUIRED);
        assertNull(LoginProbes.ftps(platform, CLIENT, user("withotp", STRICT),
                PASSWORD + IdentityProbe.totp(otpSecret)), "a user with TOTP logs in with its code");
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.login.failed", Map.of("tenant", STRICT,
                    "user", "nototp", "reason", "second_factor_enrolment_required")));
        }
    }

    @Test
    void aPasswordOlderThanTheSitesMaximumAgeMustBeChanged() throws Exception {
        createWithPasswordSetDaysAgo(AGED, "stale", 45);
        String ftps = LoginProbes.ftps(platform, CLIENT, user("stale", AGED), PASSWORD);
        assertTold(ftps, Reason.PASSWORD_CHANGE_REQUIRED);
        assertTold(LoginProbes.sftp(platform, CLIENT, user("stale", AGED), PASSWORD),
                Reason.PASSWORD_CHANGE_REQUIRED);
        assertNull(LoginProbes.ftps(platform, CLIENT, user("fresh", AGED), PASSWORD), "a password set today");
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.login.failed", Map.of("tenant", AGED,
                    "user", "stale", "reason", "password_change_required")));
        }
    }

    @Test
    void theSessionOverTheUsersLimitIsRefusedUntilOneQuits() throws Exception {
        List<FTPSClient> open = new ArrayList<>();
        try {
            open.add(LoginProbes.ftpsSession(platform, CLIENT, user("limited", TENANT), PASSWORD));
            open.add(LoginProbes.ftpsSession(platform, CLIENT, user("limited", TENANT), PASSWORD));
            assertTold(LoginProbes.ftps(platform, CLIENT, user("limited", TENANT), PASSWORD),
                    Reason.SESSION_LIMIT_REACHED);
            assertTold(LoginProbes.sftp(platform, CLIENT, user("limited", TENANT), PASSWORD),
                    Reason.SESSION_LIMIT_REACHED);
            LoginProbes.quit(open.removeFirst());
            // the gateway reports the end after the connection closed: poll, within a deadline
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String third = LoginProbes.sftp(platform, CLIENT, user("limited", TENANT), PASSWORD);
            while (third != null && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                third = LoginProbes.sftp(platform, CLIENT, user("limited", TENANT), PASSWORD);
            }
            assertNull(third, "a session is admitted once one of the two quit");
            assertEquals(true, open.getFirst().sendNoOp(), "the session left open still works");
        } finally {
            open.forEach(LoginProbes::quit);
        }
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.login.failed", Map.of("tenant", TENANT,
                    "user", "limited", "reason", "session_limit_reached")));
        }
    }

    /**
     * A user made straight in Keycloak with a password hashed here (PBKDF2-SHA512, one of Keycloak's own hash
     * providers) and dated {@code days} ago: Keycloak's API keeps an imported credential's date, so the test needs
     * no clock of its own.
     */
    private void createWithPasswordSetDaysAgo(String tenant, String username, int days) throws Exception {
        byte[] salt = E2ePlatform.randomBytes(16);
        int iterations = 10_000;
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, iterations, 512)).getEncoded();
        boolean organizations = E2ePlatform.organizations();
        ObjectNode user = JSON.createObjectNode().put("username", organizations ? tenant + "." + username : username)
                .put("enabled", true);
        ObjectNode credential = user.putArray("credentials").addObject().put("type", "password")
                .put("createdDate", Instant.now().minus(Duration.ofDays(days)).toEpochMilli());
        credential.put("secretData", JSON.createObjectNode().put("value", Base64.getEncoder().encodeToString(hash))
                .put("salt", Base64.getEncoder().encodeToString(salt)).set("additionalParameters",
                        JSON.createObjectNode()).toString());
        credential.put("credentialData", JSON.createObjectNode().put("hashIterations", iterations)
                .put("algorithm", "pbkdf2-sha512").set("additionalParameters", JSON.createObjectNode()).toString());
        String realm = "/admin/realms/" + E2ePlatform.realmOf(tenant);
        HttpResponse<String> r = keycloakAdmin("POST", realm + "/users", user.toString());
        assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "create " + username + ": " + r.statusCode()
                + " " + r.body());
        if (organizations && r.statusCode() == 201) {
            // a tenant's user is a member of its organization in the shared realm
            String userId = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
            String orgId = JSON.readTree(keycloakAdmin("GET", realm + "/organizations?exact=true&search=" + tenant,
                    null).body()).get(0).path("id").asText();
            HttpResponse<String> member = keycloakAdmin("POST", realm + "/organizations/" + orgId + "/members",
                    "\"" + userId + "\"");
            assertEquals(201, member.statusCode(), "membership of " + username + ": " + member.body());
        }
    }

    private HttpResponse<String> keycloakAdmin(String method, String path, String body) throws Exception {
        KeycloakServer keycloak = platform.platform().keycloak();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + keycloak.adminToken())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
