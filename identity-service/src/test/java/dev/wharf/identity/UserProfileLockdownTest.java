package dev.wharf.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.identity.health.AdminClientBootstrap;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.identity.tenant.TenantUserProfile;
import dev.wharf.identity.testing.AccountApi;
import dev.wharf.identity.testing.AccountConsoleLogin;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestSshKeys;
import dev.wharf.identity.testing.TestTenants;
import dev.wharf.identity.testing.TestTotp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile tests of issue 11's first defect on a real Keycloak: a tenant's user, holding only their own password,
 * tries every client that hands out tokens and Keycloak's account API to change each attribute Wharf decides access
 * with, and to read their credentials; in a new tenant, and in a tenant made with the old profile and repaired.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class UserProfileLockdownTest extends OneTenantTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(UserProfileLockdownTest.class);

    @Inject
    TenantUserProfile profiles;
    @Inject
    KeycloakAdmin keycloak;
    @Inject
    KeycloakConfig keycloakConfig;
    @Inject
    TenantService tenants;
    @Inject
    dev.wharf.identity.tenant.AdminClients adminClients;
    @Inject
    dev.wharf.identity.gateway.GatewayClientBootstrap gatewayClient;
    @Inject
    dev.wharf.identity.tenant.PasswordCheckSetup passwordChecks;
    @Inject
    dev.wharf.identity.tenant.WebClientSetup webClients;

    @Override
    String tenantPrefix() {
        return "p";
    }

    /** A user with every access attribute and credential set through the admin API, as a real tenant has them. */
    private record Victim(String username, String apiKeyId, String apiKeyHash, String sshKey) {
    }

    @Test
    void aNewTenantsUserCanNeitherChangeNorReadTheirAccessAttributes() {
        Victim v = victim(tenant);
        List<String> reached = attackEveryWay(tenant, v);
        assertFalse(reached.isEmpty(), "no client's token reached the account API: the test proves nothing");
        // the login still gets what the administrator set, through the gateway client's mappers
        TestTenants.login(tenant, v.username(), PASSWORD).body("reason", equalTo("ok"))
                .body("principal.home", equalTo("/data/" + v.username()))
                .body("principal.allowedProtocols", equalTo(List.of("sftp", "ftps")))
                .body("principal.allowedCidrs", equalTo(List.of("192.0.2.0/24")))
                .body("principal.groups", equalTo(List.of("g-" + v.username())));
    }

    @Test
    void aTenantMadeWithTheOldProfileIsRepairedOnceAndThenHoldsToo() {
        String old = TestTenants.create("po", operatorToken);
        // the realm the tenant's users live in (its own, or the tenants' shared realm)
        String oldRealm = KeycloakTestAdmin.realmOf(old);
        KeycloakTestAdmin.call("PUT", "/admin/realms/" + oldRealm + "/users/profile",
                oldProfile(KeycloakTestAdmin.get("/admin/realms/" + oldRealm + "/users/profile")), 200);
        Victim v = victim(old);

        // the defect as it was: the user's own token sets home "/" through the account API
        JsonNode before = attributes(old, v.username());
        String token = new AccountConsoleLogin(old).signIn(v.username(), PASSWORD);
        ObjectNode self = (ObjectNode) AccountApi.get(old, token, "").json();
        self.withObject("attributes").putArray("wharf.home").add("/");
        assertEquals(204, AccountApi.update(old, token, self).status());
        assertEquals("/", attributes(old, v.username()).path("wharf.home").path(0).asText(),
                "the old profile no longer shows the defect: this test cannot tell a repair from no change");
        TestTenants.admin(operatorToken).body(Map.of("home", "/data/" + v.username()))
                .patch("/v1/admin/tenants/" + old + "/users/" + v.username()).then().statusCode(200);
        assertEquals(before, attributes(old, v.username()));

        // what identity-service does at start (AdminClientBootstrap.onStart), with its log
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(TenantUserProfile.class.getName());
        log.addHandler(capture);
        try {
            assertTrue(new AdminClientBootstrap(keycloak, keycloakConfig, tenants, adminClients, gatewayClient,
                    webClients).ensure());
        } finally {
            log.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(m -> m.startsWith("tenant " + oldRealm + ": user profile brought up to date")
                && m.contains("ENABLED -> ADMIN_EDIT") && m.contains("wharf.home")), logged.toString());
        JsonNode repaired = KeycloakTestAdmin.get("/admin/realms/" + oldRealm + "/users/profile");
        assertEquals(TenantDefaults.UNMANAGED_ATTRIBUTE_POLICY, repaired.path("unmanagedAttributePolicy").asText());
        assertFalse(profiles.ensure(oldRealm), "an up-to-date profile was written again");
        assertEquals(repaired, KeycloakTestAdmin.get("/admin/realms/" + oldRealm + "/users/profile"));
        // a new tenant's profile is what the repair makes of an old one
        assertEquals(KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/users/profile"),
                repaired);
        assertFalse(profiles.ensure(KeycloakTestAdmin.realmOf(tenant)), "a new tenant's profile is not up to date");

        assertEquals(before, attributes(old, v.username()), "the repair changed the user's attributes");
        assertFalse(attackEveryWay(old, v).isEmpty());
        TestTenants.login(old, v.username(), PASSWORD).body("reason", equalTo("ok"))
                .body("principal.home", equalTo("/data/" + v.username()));
    }

    @Test
    void usersKeepWhatTheAccountConsoleIsFor() {
        Victim v = victim(tenant);
        JsonNode before = attributes(tenant, v.username());
        AccountConsoleLogin console = new AccountConsoleLogin(tenant);

        // their own name and e-mail, sent back as the console sends them: without the attributes they cannot see
        String token = console.signIn(v.username(), PASSWORD);
        ObjectNode self = (ObjectNode) AccountApi.get(tenant, token, "").json();
        self.put("firstName", "Ada").put("lastName", "Lovelace").put("email", v.username() + "@example.com");
        AccountApi.Answer updated = AccountApi.update(tenant, token, self);
        assertEquals(204, updated.status(), updated.body());
        JsonNode now = AccountApi.get(tenant, token, "").json();
        assertEquals("Ada", now.path("firstName").asText());
        assertEquals(v.username() + "@example.com", now.path("email").asText());
        assertEquals(before, attributes(tenant, v.username()), "the user's own profile update dropped wharf.*");

        // the password, through the console's application-initiated action
        String newPassword = PASSWORD + "-2";
        console.changePassword(v.username(), PASSWORD, newPassword);
        // asked of Keycloak itself: a success through identity-service would be cached (README, 30 s) and
        // answer the password alone after the TOTP enrolment below
        assertTrue(AccountApi.token(tenant, "wharf-gateway", v.username(), newPassword).isPresent());
        TestTenants.login(tenant, v.username(), PASSWORD).body("reason", equalTo("bad_credentials"));

        // TOTP enrolment: from now on a password alone is not enough
        String secret = new AccountConsoleLogin(tenant).enrolTotp(v.username(), newPassword);
        JsonNode credentials = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/users/"
                + KeycloakTestAdmin.userId(tenant, v.username()) + "/credentials");
        assertTrue(credentials.findValuesAsText("type").contains("otp"), credentials.toString());
        TestTenants.login(tenant, v.username(), newPassword).body("reason", equalTo("second_factor_required"));
        TestTenants.login(tenant, v.username(), newPassword + TestTotp.code(secret, Instant.now().plusSeconds(30)))
                .body("reason", equalTo("ok"));

        // and remove their own authenticator again through the account API
        String otpId = null;
        for (JsonNode type : AccountApi.get(tenant, token, "credentials").json()) {
            if ("otp".equals(type.path("type").asText())) {
                otpId = type.path("userCredentialMetadatas").path(0).path("credential").path("id").asText(null);
            }
        }
        assertTrue(otpId != null, "the account API lists no OTP credential of the user");
        AccountApi.Answer removed = AccountApi.call("DELETE", "/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/account/credentials/" + otpId,
                token, null);
        assertEquals(204, removed.status(), removed.body());
        TestTenants.login(tenant, v.username(), newPassword).body("reason", equalTo("ok"));
        assertEquals(before, attributes(tenant, v.username()));
    }

    /**
     * Tries every client and every attribute; fails if anything changed or a credential was shown. Answers the
     * clients whose token reached the account API.
     */
    private static List<String> attackEveryWay(String realm, Victim v) {
        JsonNode before = attributes(realm, v.username());
        Map<String, List<String>> hostile = new LinkedHashMap<>();
        hostile.put("wharf.home", List.of("/"));
        hostile.put("wharf.protocols", List.of("ftp,ftps,sftp"));
        hostile.put("wharf.cidrs", List.of());
        hostile.put("wharf.authMethod", List.of("password"));
        hostile.put("wharf.sshkeys", List.of(TestSshKeys.ed25519()));
        hostile.put("wharf.apikeys", List.of("kaaaaaaaaaaaaaaaaaaa", "n:mine"));
        hostile.put("wharf.apikey." + v.apiKeyId(), List.of("{\"name\":\"x\",\"hash\":\"00\"}"));
        hostile.put("wharf.apikey.kaaaaaaaaaaaaaaaaaaa", List.of("{\"name\":\"mine\",\"hash\":\"00\"}"));

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("account console", new AccountConsoleLogin(realm).signIn(v.username(), PASSWORD));
        for (String client : AccountApi.CLIENTS) {
            AccountApi.token(realm, client, v.username(), PASSWORD).ifPresent(t -> tokens.put(client, t));
        }
        List<String> reached = new ArrayList<>();
        for (Map.Entry<String, String> c : tokens.entrySet()) {
            String client = c.getKey();
            String token = c.getValue();
            Map<String, Integer> answers = new LinkedHashMap<>();
            for (String path : List.of("", "?userProfileMetadata=true", "credentials")) {
                AccountApi.Answer read = AccountApi.get(realm, token, path);
                assertNoCredential(client + " GET account/" + path, read.body(), v);
                if (path.isEmpty() && read.status() == 200) {
                    reached.add(client);
                    assertFalse(read.body().contains("wharf."), client + ": the user sees " + read.body());
                }
            }
            assertNoCredential(client + " userinfo", AccountApi.call("GET", "/realms/" + KeycloakTestAdmin.realmOf(realm)
                    + "/protocol/openid-connect/userinfo", token, null).body(), v);
            // the admin API with the user's own token: no realm-management role, nothing to read or write
            String self = "/admin/realms/" + KeycloakTestAdmin.realmOf(realm) + "/users/" + KeycloakTestAdmin.userId(realm, v.username());
            AccountApi.Answer adminRead = AccountApi.call("GET", self, token, null);
            assertTrue(adminRead.status() == 401 || adminRead.status() == 403, client + " read the admin API: "
                    + adminRead.status());
            ObjectNode adminWrite = JSON.createObjectNode();
            adminWrite.putObject("attributes").putArray("wharf.home").add("/");
            AccountApi.Answer written = AccountApi.call("PUT", self, token, adminWrite);
            assertTrue(written.status() == 401 || written.status() == 403, client + " wrote through the admin API: "
                    + written.status());
            AccountApi.Answer own = AccountApi.get(realm, token, "");
            JsonNode profile = own.status() == 200 ? own.json()
                    : JSON.createObjectNode().put("username", v.username());
            for (Map.Entry<String, List<String>> h : hostile.entrySet()) {
                ObjectNode body = profile.deepCopy();
                ArrayNode values = body.withObject("attributes").putArray(h.getKey());
                h.getValue().forEach(values::add);
                AccountApi.Answer a = AccountApi.update(realm, token, body);
                answers.put(h.getKey(), a.status());
                assertNoCredential(client + " POST " + h.getKey(), a.body(), v);
                assertEquals(before, attributes(realm, v.username()),
                        client + " changed " + h.getKey() + " (HTTP " + a.status() + " " + a.body() + ")");
            }
            ObjectNode all = profile.deepCopy();
            hostile.forEach((name, vs) -> {
                ArrayNode values = all.withObject("attributes").putArray(name);
                vs.forEach(values::add);
            });
            AccountApi.update(realm, token, all);
            assertEquals(before, attributes(realm, v.username()), client + " changed attributes all at once");
            LOG.infof("tenant %s, token of %s: GET account/ %d, POST account/ per attribute %s", realm, client,
                    own.status(), answers);
        }
        return reached;
    }

    private static void assertNoCredential(String what, String body, Victim v) {
        assertFalse(body.contains(v.apiKeyHash()), what + " shows the API key's digest: " + body);
        assertFalse(body.contains(v.sshKey().split(" ")[1]), what + " shows the SSH key: " + body);
    }

    private static Victim victim(String realm) {
        String user = TestTenants.newUser(realm, operatorToken, Map.of("home", "/data/placeholder",
                "allowedProtocols", List.of("sftp", "ftps"), "allowedCidrs", List.of("192.0.2.0/24")));
        TestTenants.admin(operatorToken).body(Map.of("home", "/data/" + user))
                .patch("/v1/admin/tenants/" + realm + "/users/" + user).then().statusCode(200);
        KeycloakTestAdmin.addToNewGroup(realm, user, "g-" + user);
        String sshKey = TestSshKeys.ed25519();
        TestTenants.admin(operatorToken).body(Map.of("publicKey", sshKey))
                .post("/v1/admin/tenants/" + realm + "/users/" + user + "/sshkeys").then().statusCode(201);
        String keyId = TestTenants.admin(operatorToken).body(Map.of("name", "key-" + user))
                .post("/v1/admin/tenants/" + realm + "/users/" + user + "/apikeys").then().statusCode(201)
                .extract().path("id");
        JsonNode stored = attributes(realm, user).path("wharf.apikey." + keyId).path(0);
        String hash;
        try {
            hash = JSON.readTree(stored.asText()).path("hash").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("unreadable API key attribute " + stored, e);
        }
        assertNotEquals("", hash, "no API key digest stored in " + stored);
        return new Victim(user, keyId, hash, sshKey);
    }

    /** The user's attributes as the admin API answers them. */
    private static JsonNode attributes(String realm, String user) {
        return KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(realm) + "/users/" + KeycloakTestAdmin.userId(realm, user))
                .path("attributes");
    }

    /** The profile tenants were created with before issue 11: unmanaged attributes open to users, none declared. */
    private static JsonNode oldProfile(JsonNode current) {
        ObjectNode p = current.deepCopy();
        p.put("unmanagedAttributePolicy", "ENABLED");
        ArrayNode kept = JSON.createArrayNode();
        p.path("attributes").forEach(a -> {
            if (!a.path("name").asText().startsWith("wharf.")) {
                kept.add(a);
            }
        });
        p.set("attributes", kept);
        return p;
    }
}
