package dev.wharf.api.trace;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.core.session.SessionLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ServiceHttp sends the caller's trace context and session id to the service, and nothing outside a span/session. */
class TraceHeadersTest {
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer server;
    private ServiceHttp http;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.clear();
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        http = new ServiceHttp(ServiceHttp.newClient(Duration.ofSeconds(5)), "test-service",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCallInsideASessionEventCarriesTraceparentAndSession() {
        GatewaySession session = new GatewaySession("/gateway-ftp", Protocol.FTPS, "127.0.0.1", 5000);
        try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
            SessionTracer tracer = new SessionTracer(provider.get("test"));
            Span root = tracer.open(session);
            String spanId;
            try (SessionTracer.Event ignored = tracer.enter(session, root, "FTP STOR")) {
                spanId = Span.current().getSpanContext().getSpanId();
                http.postEmpty("/anything");
            }
            tracer.close(session, root);
            String traceparent = seen.get("traceparent");
            assertEquals("00-" + root.getSpanContext().getTraceId() + "-" + spanId + "-01", traceparent,
                    "the event's span is the parent, in the session's trace");
            assertEquals(session.id(), seen.get(SessionLog.HEADER.toLowerCase()));
        }
        assertNull(SessionLog.current(), "the logging context is left as it was");
    }

    @Test
    void aCallOutsideAnySpanOrSessionCarriesNeither() {
        http.postEmpty("/anything");
        assertFalse(seen.containsKey("traceparent"));
        assertFalse(seen.containsKey(SessionLog.HEADER.toLowerCase()));
        assertTrue(seen.containsKey("accept"), "the request arrived: " + seen);
    }

    @Test
    void aDisabledSdkSendsTheSessionButNoTraceparent() {
        GatewaySession session = new GatewaySession("/gateway-sftp", Protocol.SFTP, "127.0.0.1", 5000);
        SessionTracer tracer = SessionTracer.none();
        try (SessionTracer.Event ignored = tracer.enter(session, tracer.open(session), "SFTP OPEN")) {
            http.postEmpty("/anything");
        }
        assertFalse(seen.containsKey("traceparent"), "no trace context when tracing is off");
        assertEquals(session.id(), seen.get(SessionLog.HEADER.toLowerCase()), "logs still name the session");
    }
}
