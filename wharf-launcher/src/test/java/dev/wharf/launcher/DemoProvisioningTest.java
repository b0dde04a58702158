package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning against a stand-in that answers as docs/service-api.md says identity-service does (the real
 * service is exercised by the end-to-end tests).
 */
class DemoProvisioningTest {

    private HttpServer server;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean refuseAll;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/admin/tenants", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
        String key = exchange.getRequestURI().getPath() + " " + body.replaceAll("\"password\":\"[^\"]*\"", "");
        if (refuseAll) {
            reply(exchange, 403, "{\"reason\":\"forbidden\",\"message\":\"role admin required\"}");
        } else if (created.add(key)) {
            reply(exchange, 201, body);
        } else {
            reply(exchange, 409, "{\"reason\":\"already_exists\",\"message\":\"exists\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void createsTenantAndUserThenFindsThemThere() {
        assertEquals(DemoProvisioning.Outcome.CREATED,
                DemoProvisioning.ensure(url(), "tok", "demo", "demo", "pw"));
        assertTrue(created.stream().anyMatch(k -> k.startsWith("/v1/admin/tenants {\"id\":\"demo\"}")), created.toString());
        assertTrue(created.stream().anyMatch(k -> k.startsWith("/v1/admin/tenants/demo/users ")), created.toString());
        assertTrue(authorizations.stream().allMatch("Bearer tok"::equals));

        requests.clear();
        assertEquals(DemoProvisioning.Outcome.ALREADY_THERE,
                DemoProvisioning.ensure(url(), "tok", "demo", "demo", "pw2"));
        // the user was there: its password is set to the one given now, so the printed password works
        assertEquals("PUT /v1/admin/tenants/demo/users/demo/password {\"password\":\"pw2\"}", requests.getLast());
    }

    @Test
    void aRefusalFailsWithTheServicesReason() {
        refuseAll = true;
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> DemoProvisioning.ensure(url(), "tok", "demo", "demo", "pw"));
        assertTrue(failure.getMessage().contains("HTTP 403 reason=forbidden"), failure.getMessage());
    }
}
