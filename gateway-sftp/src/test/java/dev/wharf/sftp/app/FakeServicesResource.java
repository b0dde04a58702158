package dev.wharf.sftp.app;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands in for identity, policy and storage's readiness endpoints ({@code /q/health/ready}) so the gateway's
 * readiness check can be tested both ways: {@code POST /test/down} and {@code /test/up} switch the answer.
 * Also gives the gateway a fresh host key folder and the default tenant.
 */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        AtomicBoolean up = new AtomicBoolean(true);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/q/health/ready", ex -> {
                byte[] body = ("{\"status\":\"" + (up.get() ? "UP" : "DOWN") + "\"}").getBytes();
                ex.sendResponseHeaders(up.get() ? 200 : 503, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.createContext("/test/", ex -> {
                up.set(ex.getRequestURI().getPath().endsWith("/up"));
                ex.sendResponseHeaders(204, -1);
                ex.close();
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of(
                    "wharf.services.identity-url", url,
                    "wharf.services.policy-url", url,
                    "wharf.services.storage-url", url,
                    "wharf.services.timeout", "PT3S",
                    "wharf.tenancy.default-tenant", "demo",
                    // the mapping of the list and group keys is read at start: a wrong shape fails this test
                    "wharf.sftp.tenant-addresses", "192.0.2.10=acme,192.0.2.11=globex",
                    "wharf.sftp.proxy-protocol.trusted-cidrs", "10.0.0.0/8,192.168.0.0/16",
                    "wharf.sftp.host-key-dir", Files.createTempDirectory("wharf-sftp-keys").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
