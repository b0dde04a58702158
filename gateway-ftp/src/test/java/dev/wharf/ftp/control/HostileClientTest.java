package dev.wharf.ftp.control;

import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.RawControl;
import dev.wharf.ftp.support.TestFtpsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP on the FTP port, unknown commands before login, over-long lines and control characters in replies. */
class HostileClientTest {
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void anHttpRequestGets421AndTheConnectionCloses() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            String reply = c.send("GET / HTTP/1.1");
            assertTrue(reply.startsWith("421 "), reply);
            assertTrue(reply.contains("not a web server"), reply);
            assertNull(c.reply(), "closed after the 421");
        }
        f.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "http-request".equals(e.data().get("stage")),
                Duration.ofSeconds(10));
    }

    @Test
    void aRunOfUnknownCommandsBeforeLoginClosesTheConnection() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            for (int i = 0; i < ControlConnectionFilter.MAX_UNKNOWN_BEFORE_LOGIN; i++) {
                String reply = c.send("XYZZY" + i);
                assertTrue(reply.startsWith("500 "), reply);
                assertFalse(reply.contains("XYZZY"), "the command is not echoed: " + reply);
            }
            assertTrue(c.send("USER alice").startsWith("331 "), "known commands still work, and do not count");
            String last = c.send("XYZZY");
            assertTrue(last.startsWith("421 "), last);
            assertNull(c.reply(), "closed after the 421");
        }
        f.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "bad_request".equals(e.reason())
                && "unknown-commands".equals(e.data().get("stage")), Duration.ofSeconds(10));
    }

    @Test
    void aCommandLineOverTheLimitIsRefusedAndTheConnectionCloses() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            String reply = c.send("USER " + "a".repeat(ControlConnectionFilter.MAX_LINE_LENGTH * 2));
            assertTrue(reply.startsWith("500 "), reply);
            assertTrue(reply.contains("too long"), reply);
            assertNull(c.reply(), "closed after the refusal");
        }
    }

    @Test
    void controlCharactersInEchoedArgumentsNeverReachTheClientRaw() throws Exception {
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            c.sendCommand("TYPE", "X\u0007Y\u001b[2J");
            String reply = c.getReplyString();
            assertTrue(reply.startsWith("5"), reply);
            assertFalse(reply.contains("\u001b"), reply);
            assertFalse(reply.contains("\u0007"), reply);
            assertTrue(reply.contains("X\\x07Y\\x1b[2J"), reply);
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void controlCharactersInNamesAreRefused() throws Exception {
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            assertFalse(c.makeDirectory("bad\u0001name"));
            String reply = c.getReplyString();
            assertTrue(reply.startsWith("553 "), reply);
            assertFalse(reply.contains("\u0001"), reply);
        } finally {
            Clients.close(c);
        }
    }
}
