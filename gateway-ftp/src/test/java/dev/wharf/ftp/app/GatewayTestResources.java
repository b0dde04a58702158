package dev.wharf.ftp.app;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.ftp.support.TestTls;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Quarkus test needs around the gateway: a throwaway certificate, and a stand-in for the three services'
 * readiness endpoints whose answer the test can change ({@link #setReady}).
 */
public class GatewayTestResources implements QuarkusTestResourceLifecycleManager {
    static volatile TestTls tls;
    private static final Set<String> DOWN = ConcurrentHashMap.newKeySet();
    private HttpServer readiness;

    /** Makes {@code service} (identity, policy or storage) answer its readiness probe with 200 or 503. */
    static void setReady(String service, boolean ready) {
        if (ready) {
            DOWN.remove(service);
        } else {
            DOWN.add(service);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("wharf-ftp-quarkus");
            tls = TestTls.ec(dir);
            readiness = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            readiness.createContext("/", exchange -> {
                String service = exchange.getRequestURI().getPath().split("/")[1];
                int status = exchange.getRequestURI().getPath().endsWith("/q/health/ready")
                        && !DOWN.contains(service) ? 200 : 503;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            readiness.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://127.0.0.1:" + readiness.getAddress().getPort();
        return Map.of(
                "wharf.tls.certificate", tls.certificate().toString(),
                "wharf.tls.private-key", tls.privateKey().toString(),
                "wharf.services.identity-url", base + "/identity",
                "wharf.services.policy-url", base + "/policy",
                "wharf.services.storage-url", base + "/storage",
                "wharf.services.timeout", "PT5S",
                // the test's client, Commons Net FTPSClient, makes a new TLS session per data connection
                "wharf.ftp.require-tls-session-reuse", "false");
    }

    @Override
    public void stop() {
        if (readiness != null) {
            readiness.stop(0);
        }
    }
}
