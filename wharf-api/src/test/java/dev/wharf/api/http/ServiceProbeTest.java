package dev.wharf.api.http;

import dev.wharf.api.StubService;
import dev.wharf.api.StubService.Answer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProbeTest {
    private final ServiceProbe probe = new ServiceProbe(ServiceHttp.newClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));

    @Test
    void readyWhenTheServiceAnswers200() throws IOException {
        try (StubService stub = new StubService()) {
            stub.respond(r -> Answer.json(200, "{\"status\":\"UP\",\"checks\":[]}"));
            ServiceProbe.Status s = probe.probe("storage-service", URI.create(stub.url() + "/"));
            assertTrue(s.up(), s.toString());
            assertEquals("/q/health/ready", stub.last().path());
            assertEquals("GET", stub.last().method());
        }
    }

    @Test
    void downWhenTheServiceSaysSo() throws IOException {
        try (StubService stub = new StubService()) {
            stub.respond(r -> Answer.json(503, "{\"status\":\"DOWN\"}"));
            ServiceProbe.Status s = probe.probe("identity-service", stub.url());
            assertFalse(s.up());
            assertEquals("HTTP 503", s.detail());
        }
    }

    @Test
    void downWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ServiceProbe.Status s = probe.probe("policy-service", URI.create("http://127.0.0.1:" + port));
        assertFalse(s.up());
        assertTrue(s.detail().contains("ConnectException"), s.detail());
    }
}
