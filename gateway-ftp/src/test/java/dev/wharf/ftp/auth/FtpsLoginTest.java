package dev.wharf.ftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.metrics.FtpMetrics;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.Poll;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestFtpsClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logins over explicit and implicit FTPS and plain FTP: replies, audit events and metrics. */
class FtpsLoginTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
        f.identity.refusedUser(GatewayFixture.TENANT, "carol", GatewayFixture.PASSWORD,
                Reason.PASSWORD_CHANGE_REQUIRED);
        f.identity.refusedUser(GatewayFixture.TENANT, "dave", GatewayFixture.PASSWORD, Reason.SERVICE_UNAVAILABLE);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void explicitTlsLoginSucceedsAndTheSessionIsFtps() throws Exception {
        TestFtpsClient c = Clients.ftps(f, false);
        try {
            assertTrue(c.login("alice", GatewayFixture.PASSWORD), c.getReplyString());
            assertEquals(230, c.getReplyCode());
            assertTrue(c.controlSocket() instanceof SSLSocket, "control connection is TLS after AUTH TLS");
            String protocol = ((SSLSocket) c.controlSocket()).getSession().getProtocol();
            assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
        } finally {
            Clients.close(c);
        }
        AuditEvent ok = f.audit.await(e -> e.type() == AuditType.LOGIN_SUCCEEDED && "alice".equals(e.user()), WAIT);
        assertEquals("ftps", ok.protocol());
        assertEquals(GatewayFixture.TENANT, ok.tenant());
        assertEquals("/gateway-ftp", ok.source());
        AuditEvent opened = f.audit.await(e -> e.type() == AuditType.SESSION_OPENED
                && ok.sessionId().equals(e.sessionId()), WAIT);
        assertEquals(GatewayFixture.TENANT, opened.tenant(), "the opened event carries the tenant");
        f.audit.await(e -> e.type() == AuditType.SESSION_CLOSED && ok.sessionId().equals(e.sessionId()), WAIT);
    }

    @Test
    void implicitTlsLoginSucceeds() throws Exception {
        FTPSClient c = Clients.ftps(f, true);
        try {
            assertTrue(c.login("bob", GatewayFixture.PASSWORD), c.getReplyString());
            assertEquals(230, c.getReplyCode());
            assertTrue(c.printWorkingDirectory().equals("/"), "home folder is the client's /");
        } finally {
            Clients.close(c);
        }
        AuditEvent ok = f.audit.await(e -> e.type() == AuditType.LOGIN_SUCCEEDED && "bob".equals(e.user()), WAIT);
        assertEquals("ftps", ok.protocol());
    }

    @Test
    void wrongPasswordGets530WithTheReasonText() throws Exception {
        FTPSClient c = Clients.ftps(f, false);
        try {
            assertFalse(c.login("alice", "wrong"));
            assertEquals(530, c.getReplyCode());
            assertEquals("530 " + Reason.BAD_CREDENTIALS.userMessage(), c.getReplyString().trim());
            // an unknown user gets exactly the same answer: nothing tells whether a user exists
            assertFalse(c.login("nobody", "wrong"));
            assertEquals("530 " + Reason.BAD_CREDENTIALS.userMessage(), c.getReplyString().trim());
        } finally {
            Clients.close(c);
        }
        AuditEvent failed = f.audit.await(e -> e.type() == AuditType.LOGIN_FAILED && "nobody".equals(e.user()), WAIT);
        assertEquals(Reason.BAD_CREDENTIALS.code(), failed.reason());
        assertTrue(f.policy.failures().stream().anyMatch(s -> s.endsWith(" demo alice ftps")), f.policy.failures()
                .toString());
        assertTrue(f.meters.get(FtpMetrics.LOGINS).tag("reason", "bad_credentials").counter().count() >= 2);
    }

    @Test
    void reasonSpecificRefusalTellsWhatToFix() throws Exception {
        FTPSClient c = Clients.ftps(f, true);
        try {
            assertFalse(c.login("carol", GatewayFixture.PASSWORD));
            assertEquals("530 Your password must be changed before you can log in: change it in the web portal at "
                    + "https://portal.files.test/realms/demo/account.", c.getReplyString().trim());
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void aLoginIdentityCannotCheckGets421TryLaterNot530AndIsNoFailedLogin() throws Exception {
        TestFtpsClient c = Clients.ftps(f, false);
        try {
            // 421 closes the control connection: the client library reports it as such
            assertThrows(FTPConnectionClosedException.class, () -> c.login("dave", GatewayFixture.PASSWORD));
            assertEquals(421, c.getReplyCode(), c.getReplyString());
            assertTrue(c.getReplyString().contains(Reason.SERVICE_UNAVAILABLE.userMessage()), c.getReplyString());
        } finally {
            Clients.close(c);
        }
        assertTrue(f.policy.failures().stream().noneMatch(x -> x.contains("dave")), "not reported to the defender");
    }

    @Test
    void plainFtpLoginIsRefusedBecauseTlsIsRequired() throws Exception {
        FTPClient c = Clients.plain(f);
        try {
            assertFalse(c.login("alice", GatewayFixture.PASSWORD));
            assertEquals(530, c.getReplyCode());
            assertTrue(c.getReplyString().contains("TLS is required"), c.getReplyString());
        } finally {
            Clients.close(c);
        }
        AuditEvent denied = f.audit.await(e -> e.type() == AuditType.POLICY_DENIED
                && Reason.ENCRYPTION_REQUIRED.code().equals(e.reason()), WAIT);
        assertEquals("ftp", denied.protocol());
    }

    @Test
    void anonymousLoginIsOff() throws Exception {
        FTPSClient c = Clients.ftps(f, false);
        try {
            assertFalse(c.login("anonymous", "guest@example.com"));
            assertEquals(530, c.getReplyCode());
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void bannedAddressIsRefusedAtConnectWith421() throws Exception {
        f.policy.ban("127.0.0.1");
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("421 " + Reason.ADDRESS_BANNED.userMessage(), in.readLine());
            assertEquals(null, in.readLine(), "the server closes the connection");
        } finally {
            f.policy.unban("127.0.0.1");
        }
        f.audit.await(e -> e.type() == AuditType.POLICY_DENIED && Reason.ADDRESS_BANNED.code().equals(e.reason()),
                WAIT);
    }

    @Test
    void connectionClosesAfterMaxLoginFailures() throws Exception {
        FTPSClient c = Clients.ftps(f, false);
        try {
            for (int i = 0; i < 3; i++) {
                assertFalse(c.login("alice", "wrong-" + i));
            }
            // after the third failure the server closes the control connection
            Poll.until("the control connection to close", WAIT, () -> {
                try {
                    return !c.sendNoOp();
                } catch (Exception e) {
                    return true;
                }
            });
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void sessionsOpenGaugeFollowsConnections() throws Exception {
        // earlier tests' sessions close asynchronously: start from a settled gauge, or the count below races them
        Poll.until("sessions of earlier tests to be counted closed", WAIT,
                () -> f.meters.get(FtpMetrics.SESSIONS_OPEN).gauge().value() == 0);
        double before = 0;
        FTPSClient c = Clients.loggedIn(f, true, "alice");
        try {
            Poll.until("one more open session", WAIT,
                    () -> f.meters.get(FtpMetrics.SESSIONS_OPEN).gauge().value() >= before + 1);
        } finally {
            Clients.close(c);
        }
        Poll.until("the session to be counted closed", WAIT,
                () -> f.meters.get(FtpMetrics.SESSIONS_OPEN).gauge().value() <= before);
    }

    @Test
    void maxLoginFailuresIsConfigurable() throws Exception {
        try (GatewayFixture strict = new GatewayFixture(TestFtpConfig.loopback().withMaxLoginFailures(1))) {
            FTPSClient c = Clients.ftps(strict, false);
            try {
                assertFalse(c.login("alice", "wrong"));
                Poll.until("the control connection to close", WAIT, () -> {
                    try {
                        return !c.sendNoOp();
                    } catch (Exception e) {
                        return true;
                    }
                });
            } finally {
                Clients.close(c);
            }
        }
    }
}
