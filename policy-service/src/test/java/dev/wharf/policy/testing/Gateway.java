package dev.wharf.policy.testing;

import dev.wharf.api.auth.ClientCredentialsToken;
import dev.wharf.api.auth.GatewayCredential;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Calls as a gateway: the admin realm's gateway service account (what identity-service creates in the platform,
 * made here through Keycloak's admin API) and its client-credentials token.
 */
public final class Gateway {
    private static final String SECRET = "policy-test-gateway-secret";
    private static volatile ClientCredentialsToken token;

    private Gateway() {
    }

    public static String token() {
        if (token == null) {
            synchronized (Gateway.class) {
                if (token == null) {
                    KeycloakRealms.ensureGatewayClient(GatewayCredential.DEFAULT_CLIENT_ID, SECRET);
                    KeycloakServer kc = TestComponents.keycloak();
                    token = new ClientCredentialsToken(HttpClient.newHttpClient(),
                            URI.create(kc.baseUrl() + "/realms/master/protocol/openid-connect/token"),
                            GatewayCredential.DEFAULT_CLIENT_ID, SECRET, Duration.ofSeconds(30), Clock.systemUTC());
                }
            }
        }
        return token.get();
    }

    /** A JSON request carrying the gateway's token. */
    public static RequestSpecification given() {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token());
    }
}
