package dev.wharf.ftp.app;

import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.server.FtpGateway;
import dev.wharf.ftp.server.FtpGatewayService;
import dev.wharf.ftp.support.GatewayFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway as the Quarkus application runs it: started on startup, readiness, metrics, a real FTPS session. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResources.class)
class GatewayApplicationTest {
    @Inject
    FtpGatewayService service;

    private FtpGateway gateway() {
        return service.gateway().orElseThrow(() -> new AssertionError("the gateway did not start"));
    }

    @Test
    void listenersBindOnStartup() {
        FtpGateway g = gateway();
        assertTrue(g.listening());
        assertTrue(g.listeners().stream().anyMatch(FtpGateway.BoundListener::implicitTls));
        assertTrue(g.listeners().stream().anyMatch(l -> !l.implicitTls()));
        assertTrue(g.listeners().stream().allMatch(l -> l.port() > 0 && l.address().equals("127.0.0.1")));
    }

    @Test
    void readinessNeedsTheListenersAndShowsTheServicesWithoutFailingOnThem() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("ftp-listeners"))
                .body("checks.find { it.name == 'wharf-services' }.status", equalTo("UP"));
        GatewayTestResources.setReady("storage", false);
        try {
            // every replica shares storage-service: the balancer keeps this one, and clients get a reply
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'ftp-listeners' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'wharf-services' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'wharf-services' }.data.'storage-service'",
                            containsString("HTTP 503"));
        } finally {
            GatewayTestResources.setReady("storage", true);
        }
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aSessionThroughTheWiredGatewayIsCountedAndAudited() throws Exception {
        FTPSClient c = new FTPSClient("TLS", true);
        c.setTrustManager(GatewayTestResources.tls.trustManager());
        c.setDefaultTimeout(30_000);
        c.connect("127.0.0.1", gateway().port(true, 0));
        try {
            assertTrue(c.login("alice", GatewayFixture.PASSWORD), c.getReplyString());
            c.execPBSZ(0);
            c.execPROT("P");
            c.enterLocalPassiveMode();
            c.setFileType(FTP.BINARY_FILE_TYPE);
            byte[] content = "through Quarkus".getBytes();
            assertTrue(c.storeFile("q.txt", new ByteArrayInputStream(content)), c.getReplyString());
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(c.retrieveFile("q.txt", back), c.getReplyString());
            assertArrayEquals(content, back.toByteArray());
            assertArrayEquals(content, InMemoryPorts.STORAGE.content(GatewayFixture.TENANT, "/alice/q.txt"));

            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("wharf_ftp_sessions_open"))
                    .body(containsString("wharf_ftp_logins_total{reason=\"ok\""))
                    .body(containsString("wharf_ftp_passive_ports_used"))
                    .body(containsString("wharf_ftp_passive_ports_total"))
                    .body(containsString("wharf_tls_certificate_expiry_timestamp_seconds"));
        } finally {
            c.logout();
            c.disconnect();
        }
        InMemoryPorts.AUDIT.await(e -> e.type() == AuditType.UPLOAD && "/q.txt".equals(e.data().get("path"))
                && "ftps".equals(e.protocol()), Duration.ofSeconds(10));
        InMemoryPorts.AUDIT.await(e -> e.type() == AuditType.SESSION_CLOSED && "alice".equals(e.user()),
                Duration.ofSeconds(10));
    }
}
