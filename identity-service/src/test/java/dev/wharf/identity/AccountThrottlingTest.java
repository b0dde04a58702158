package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import dev.wharf.identity.testing.KeycloakTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11, must-have 5, against a real Keycloak: failures spread over many addresses throttle the account (with
 * the same answer whether it exists or not) but never the user's own, known address; and Keycloak's lockout no
 * longer refuses the right password.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class AccountThrottlingTest extends OneTenantTestBase {
    private static final int CAP = 10; // wharf.identity.account-throttle.failures-per-minute's default

    @Override
    String tenantPrefix() {
        return "h";
    }

    private static String answer(String user, String password, String ip) {
        return TestGateway.given().body(Map.of("tenant", tenant, "username", user, "password",
                password, "clientIp", ip, "protocol", "ftps")).post("/v1/authenticate").then().statusCode(200)
                .extract().path("reason");
    }

    @Test
    void failuresFromManyAddressesThrottleStrangersButNotTheUsersKnownAddress() {
        String user = newUser(Map.of());
        String nobody = "u" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals("ok", answer(user, PASSWORD, "198.51.100.7"));
        for (int i = 0; i < CAP; i++) {
            assertEquals("bad_credentials", answer(user, "Wrong-" + i, "203.0.113." + (i + 1)));
            assertEquals("bad_credentials", answer(nobody, "Wrong-" + i, "203.0.113." + (i + 1)));
        }
        assertEquals("account_throttled", answer(user, "Wrong-x", "203.0.113.100"));
        assertEquals("account_throttled", answer(nobody, "Wrong-x", "203.0.113.100"),
                "a user who does not exist is throttled alike: the throttle reveals nothing");
        assertEquals("account_throttled", answer(user, PASSWORD, "203.0.113.101"),
                "from an unknown address even the right password waits");
        assertEquals("ok", answer(user, PASSWORD, "198.51.100.7"), "the user's known address is never throttled");
    }

    @Test
    void sixteenConcurrentLoginsWithTheRightPasswordAfterEarlierFailuresAllSucceed() throws Exception {
        String user = newUser(Map.of());
        for (int i = 0; i < 3; i++) {
            assertEquals("bad_credentials", answer(user, "Wrong-" + i, "198.51.100.8"));
        }
        List<Callable<String>> logins = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            logins.add(() -> answer(user, PASSWORD, "198.51.100.8"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<String> reasons = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(logins, 120, TimeUnit.SECONDS)) {
                reasons.add(f.get());
            }
            assertEquals(java.util.Collections.nCopies(16, "ok"), reasons);
        } finally {
            pool.shutdownNow();
        }
    }
}
