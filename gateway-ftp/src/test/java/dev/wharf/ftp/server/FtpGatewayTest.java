package dev.wharf.ftp.server;

import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestFtpsClient;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, stopping and configuring the gateway's listeners. */
class FtpGatewayTest {
    @Test
    void startsEveryListenerAndStopsThem() throws Exception {
        GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withPorts(List.of(0, 0), List.of(0)));
        try {
            assertTrue(f.gateway.listening());
            assertEquals(3, f.gateway.listeners().size());
            assertEquals(2, f.gateway.listeners().stream().filter(l -> !l.implicitTls()).count());
            assertTrue(f.gateway.port(false, 1) != f.gateway.port(false, 0));
            assertEquals("true", System.getProperty(FtpGateway.CLOSE_NOTIFY_PROPERTY),
                    "TLS data connections must end with close_notify to count as complete");
        } finally {
            f.close();
        }
        assertFalse(f.gateway.listening());
    }

    @Test
    void stoppingClosesOpenSessionsAndPublishesTheirClosedEvents() throws Exception {
        GatewayFixture f = new GatewayFixture();
        TestFtpsClient c = Clients.loggedIn(f, true, "alice");
        try {
            f.close();
            AuditEvent closed = f.audit.of(AuditType.SESSION_CLOSED).stream().filter(e -> "alice".equals(e.user()))
                    .findFirst().orElseThrow(() -> new AssertionError("no session-closed event: " + f.audit.events()));
            assertEquals("ftps", closed.protocol());
            assertFalse(c.sendNoOp() && c.getReplyCode() == 200, "the session is closed");
        } catch (java.io.IOException expected) {
            // the client notices the closed connection
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void aPortInUseFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Exception e = assertThrows(Exception.class, () -> new GatewayFixture(
                    TestFtpConfig.loopback().withPorts(List.of(0), List.of(taken.getLocalPort()))));
            assertTrue(String.valueOf(e.getMessage()).contains(String.valueOf(taken.getLocalPort())), e.toString());
        }
    }

    @Test
    void noListenerIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatewayFixture(TestFtpConfig.loopback().withPorts(List.of(), List.of())));
        assertTrue(e.getMessage().contains("wharf.ftp.explicit-ports"), e.getMessage());
    }

    @Test
    void passiveRepliesAdvertiseTheConfiguredAddress() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withPassiveAddress("127.0.0.1"))) {
            TestFtpsClient c = Clients.loggedIn(f, false, "alice");
            try {
                assertEquals(227, c.pasv(), c.getReplyString());
                assertTrue(c.getReplyString().contains("(127,0,0,1,"), c.getReplyString());
                assertEquals(229, c.epsv(), c.getReplyString());
            } finally {
                Clients.close(c);
            }
        }
    }
}
