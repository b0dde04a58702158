package dev.wharf.identity.testing;

import dev.wharf.api.auth.ClientCredentialsToken;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;


/** Calls as a gateway: the service credential identity-service's gateway endpoints require. */
public final class TestGateway {
    /** The secret identity-service is configured with for the gateways' client ({@link KeycloakTestResource}). */
    public static final String SECRET = "test-gateway-secret-0123456789";
    private static volatile ClientCredentialsToken token;

    private TestGateway() {
    }

    /** A fresh-enough gateway token (cached like a gateway caches it). */
    public static String token() {
        if (token == null) {
            synchronized (TestGateway.class) {
                if (token == null) {
                    token = new ClientCredentialsToken(HttpClient.newHttpClient(),
                            URI.create(KeycloakTestResource.serviceUrl() + "/realms/master/protocol/openid-connect/token"),
                            "wharf-gateways", SECRET, Duration.ofSeconds(30), Clock.systemUTC());
                }
            }
        }
        return token.get();
    }

    /** A JSON request carrying the gateway's token. */
    public static RequestSpecification given() {
        return io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token());
    }

    /** A JSON request without any credential, as a stranger inside the cluster would send it. */
    public static RequestSpecification anonymous() {
        return io.restassured.RestAssured.given().contentType(ContentType.JSON);
    }
}
