package dev.wharf.ftp.data;

import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestFtpsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.wharf.ftp.support.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wharf.ftp.require-tls-session-reuse}: Commons Net FTPSClient opens every data connection with a fresh TLS
 * session (its JSSE client caches sessions per host and port, and each passive port is new), so it is what a data
 * connection that does not resume the control session looks like. Clients that do resume (curl, lftp, ftplib with
 * session=) are in {@code CommandLineClientsTest}, which runs with the option on.
 */
class TlsSessionReuseTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static GatewayFixture required;
    private static GatewayFixture optional;

    @BeforeAll
    static void start() throws Exception {
        required = new GatewayFixture(TestFtpConfig.loopback().withTlsSessionReuse(true));
        optional = new GatewayFixture(TestFtpConfig.loopback().withTlsSessionReuse(false));
    }

    @AfterAll
    static void stop() {
        required.close();
        optional.close();
    }

    @Test
    void aFreshTlsSessionOnTheDataConnectionIsRefusedWithA425() throws Exception {
        required.storage.put(TENANT, "/alice/there.txt", "there".getBytes(StandardCharsets.UTF_8));
        for (boolean implicit : new boolean[]{false, true}) {
            TestFtpsClient c = Clients.loggedIn(required, implicit, "alice");
            try {
                assertFalse(c.storeFile("fresh.txt", new ByteArrayInputStream(new byte[]{1, 2, 3})));
                assertTrue(c.getReplyString().startsWith("425 TLS session reuse required"), c.getReplyString());
                assertFalse(required.storage.exists(TENANT, "/alice/fresh.txt"));

                // the library's own transfer commands (RETR) get the same text
                assertFalse(c.retrieveFile("there.txt", new ByteArrayOutputStream()));
                assertTrue(c.getReplyString().startsWith("425 TLS session reuse required"), c.getReplyString());

                // the session goes on: the refusal does not stick to the next reply
                assertTrue(c.sendNoOp(), c.getReplyString());
                assertTrue(c.getReplyString().startsWith("200"), c.getReplyString());
            } finally {
                Clients.close(c);
            }
        }
        required.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "permission_denied".equals(e.reason())
                && "data-connection-tls-reuse".equals(e.data().get("stage")) && "alice".equals(e.user()), WAIT);
    }

    @Test
    void withTheOptionOffAFreshTlsSessionIsAccepted() throws Exception {
        byte[] content = "fresh session".getBytes(StandardCharsets.UTF_8);
        TestFtpsClient c = Clients.loggedIn(optional, false, "alice");
        try {
            assertTrue(c.storeFile("fresh.txt", new ByteArrayInputStream(content)), c.getReplyString());
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(c.retrieveFile("fresh.txt", back), c.getReplyString());
            assertArrayEquals(content, back.toByteArray());
        } finally {
            Clients.close(c);
        }
    }
}
