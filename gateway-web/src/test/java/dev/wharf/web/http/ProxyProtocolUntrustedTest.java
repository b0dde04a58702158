package dev.wharf.web.http;

import dev.wharf.audit.log.LoggingAuditSink;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PROXY header from a peer outside the trusted ranges is refused as the FTP and SFTP gateways refuse it. */
@QuarkusTest
@TestProfile(ProxyProtocolUntrustedTest.OtherBalancer.class)
class ProxyProtocolUntrustedTest {
    /** PROXY protocol on, but only 10.0.0.0/8 trusted: loopback is a stranger. */
    public static class OtherBalancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return RawHttps.config("10.0.0.0/8");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void anUntrustedPeersHeaderIsRefusedWithBadRequestAndAudited() throws Exception {
        // with wharf.audit.enabled=false (tests) events are CloudEvents lines on the logger wharf.audit
        List<String> events = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                events.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger auditLog = java.util.logging.Logger.getLogger(LoggingAuditSink.LOGGER);
        auditLog.addHandler(capture);
        try {
            String answer = RawHttps.get(https.getPort(), RawHttps.v2("203.0.113.7", 40003), "/test/client-address");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("PROXY protocol header from an address that is not a trusted proxy. (reason: bad_request)"), answer);
            assertFalse(answer.contains("203.0.113.7"), answer);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Optional<String> refused = Optional.empty();
            while (refused.isEmpty() && System.nanoTime() < deadline) {
                refused = events.stream().filter(e -> e.contains("dev.wharf.policy.denied")
                        && e.contains("proxy-protocol")).findFirst();
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polled: the event is written off the event loop
            }
            assertTrue(refused.isPresent(), "a policy.denied event for the refused header: " + events);
            assertTrue(refused.get().contains("\"clientAddress\":\"127.0.0.1\""), "the peer's own address: " + refused.get());
            assertFalse(refused.get().contains("203.0.113.7"), "never the header's: " + refused.get());
        } finally {
            auditLog.removeHandler(capture);
        }
    }
}
