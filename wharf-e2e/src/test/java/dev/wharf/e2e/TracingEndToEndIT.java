package dev.wharf.e2e;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.wharf.e2e.AuditLog.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One FTPS session is one trace across the platform: the gateway's spans and those of identity-, policy- and
 * storage-service share its trace id and carry its session id ({@code wharf.session.id}), exported over OTLP/HTTP to
 * the test's own receiver (E2ePlatform points every app at it).
 */
class TracingEndToEndIT {
    private static final String SESSION = "wharf.session.id";
    private static final Set<String> SERVICES = Set.of("gateway-ftp", "identity-service", "policy-service",
            "storage-service");
    private final E2ePlatform platform = E2ePlatform.get();

    @Test
    void anFtpsSessionIsOneTraceThroughEveryServiceItTouches() throws Exception {
        String name = "traced-" + UUID.randomUUID() + ".txt";
        // a user of its own: its first login is not in identity-service's password cache, so it reaches Keycloak
        String user = "traced" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Traced-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, password, null);
        FTPSClient ftp = new FTPSClient("TLS", false);
        ftp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager()); // the platform's self-signed certificate
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        try {
            ftp.connect("127.0.0.1", platform.ftpExplicitPort());
            assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()), ftp.getReplyString());
            ftp.execPBSZ(0);
            ftp.execPROT("P");
            assertTrue(ftp.login(user, password), ftp.getReplyString());
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            assertTrue(ftp.storeFile(name, new ByteArrayInputStream("traced\n".getBytes())), ftp.getReplyString());
            ftp.logout();
        } finally {
            ftp.disconnect();
        }
        String session;
        String traceparent;
        try (AuditLog audit = platform.auditLog()) {
            var events = audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.file.uploaded", Map.of("path", "/" + name)));
            var uploaded = events.stream().filter(of("dev.wharf.file.uploaded", Map.of("path", "/" + name))).findFirst()
                    .orElseThrow(() -> new AssertionError("no upload event for " + name));
            session = uploaded.sessionId();
            traceparent = uploaded.traceparent();
        }

        List<OtlpReceiver.ReceivedSpan> spans = platform.traces().await(Duration.ofSeconds(60),
                all -> services(all, session).containsAll(SERVICES) && all.stream().anyMatch(
                        s -> "gateway-ftp session".equals(s.name()) && session.equals(s.attributes().get(SESSION))));
        List<OtlpReceiver.ReceivedSpan> ours = spans.stream()
                .filter(s -> session.equals(s.attributes().get(SESSION))).toList();
        assertTrue(services(spans, session).containsAll(SERVICES), "spans naming session " + session + " from "
                + SERVICES + ": " + ours);
        Set<String> traceIds = ours.stream().map(OtlpReceiver.ReceivedSpan::traceId).collect(Collectors.toSet());
        assertEquals(1, traceIds.size(), "one trace for the whole session: " + ours);
        // the audit event joins the trace: CloudEvents' traceparent names the session's trace
        assertTrue(traceparent != null && traceparent.split("-").length == 4, "traceparent: " + traceparent);
        assertEquals(traceIds.iterator().next(), traceparent.split("-")[1], "the upload event's trace");
        assertTrue(ours.stream().anyMatch(s -> "gateway-ftp".equals(s.service()) && "FTP STOR".equals(s.name())),
                "the upload has its own span: " + ours);
        assertTrue(ours.stream().anyMatch(s -> "storage-service".equals(s.service())
                        && s.name().startsWith("PUT")),
                "storage-service's server span of the upload: " + ours);
        // Keycloak (built with tracing by the launcher) continues the trace of identity's password check
        String trace = traceIds.iterator().next();
        List<OtlpReceiver.ReceivedSpan> keycloak = platform.traces().await(Duration.ofSeconds(60),
                all -> all.stream().anyMatch(s -> "keycloak".equals(s.service()) && trace.equals(s.traceId())));
        assertTrue(keycloak.stream().anyMatch(s -> "keycloak".equals(s.service()) && trace.equals(s.traceId())),
                "a Keycloak span in trace " + trace);
    }

    /** The services that exported a span naming {@code session}. */
    private static Set<String> services(List<OtlpReceiver.ReceivedSpan> spans, String session) {
        return spans.stream().filter(s -> session.equals(s.attributes().get(SESSION)))
                .map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
    }
}
