package dev.wharf.sftp.app;

import dev.wharf.sftp.server.SftpLifecycle;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.sshd.sftp.client.SftpClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged application: SSH server started with Quarkus, readiness and metrics over HTTP. */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class SftpApplicationTest {
    @Inject
    SftpLifecycle lifecycle;

    @ConfigProperty(name = "wharf.services.identity-url")
    URI services;

    @Test
    void servesSftpAndReportsReadinessAndMetrics() throws Exception {
        assertTrue(lifecycle.gateway().isListening());
        int port = lifecycle.gateway().port();
        assertTrue(port > 0);
        try (MinaClient mina = new MinaClient();
             SftpClient sftp = mina.sftp(port, "alice", GatewayFixture.PASSWORD)) {
            try (OutputStream out = sftp.write("/hello.txt")) {
                out.write("hello".getBytes());
            }
            try (InputStream in = sftp.read("/hello.txt")) {
                assertArrayEquals("hello".getBytes(), in.readAllBytes());
            }
        }

        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"sftp\""), containsString("bound " + port),
                        containsString("identity-service"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("wharf_sftp_sessions_open"),
                        containsString("wharf_sftp_logins_total{reason=\"ok\""));

        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(services.resolve("/test/down")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        try {
            // every replica shares them: the balancer keeps this one, and clients get a reply that says why
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body(containsString("HTTP 503"));
        } finally {
            http.send(HttpRequest.newBuilder(services.resolve("/test/up")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
