package dev.wharf.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on loopback standing in for one of our own services, so the clients' requests and error
 * handling can be checked exactly. Only our own contract is simulated here; no third-party system is mocked.
 */
public final class StubService implements AutoCloseable {
    /** One request as the server saw it. */
    public record Seen(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> v = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The decoded value of a query parameter. */
        public String query(String name) {
            for (String p : rawQuery == null ? new String[0] : rawQuery.split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(p.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** What the stub answers. */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Answer json(int status, String json) {
            return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public static Answer empty(int status) {
            return new Answer(status, null, new byte[0], Map.of());
        }
    }

    /** Decides the answer for a request. */
    @FunctionalInterface
    public interface Responder {
        Answer answer(Seen request) throws IOException;
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Responder responder = r -> Answer.empty(404);

    public StubService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void respond(Responder r) {
        responder = r;
    }

    public List<Seen> requests() {
        return seen;
    }

    public Seen last() {
        return seen.get(seen.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        URI u = ex.getRequestURI();
        Seen s = new Seen(ex.getRequestMethod(), u.getRawPath(), u.getRawQuery(), Map.copyOf(ex.getRequestHeaders()),
                body);
        seen.add(s);
        Answer a = responder.answer(s);
        if (a.contentType() != null) {
            ex.getResponseHeaders().add("Content-Type", a.contentType());
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        boolean noBody = a.body().length == 0;
        ex.sendResponseHeaders(a.status(), noBody ? -1 : a.body().length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(a.body());
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
