package dev.wharf.ftp.data;

import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.RawControl;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestFtpsClient;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EPSV ALL, PORT/EPRT only to the client's own address, active mode on and off (the gateway's switch and the tenant's
 * setting), the data-connection timeout.
 */
class DataConnectionCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static GatewayFixture active;

    @BeforeAll
    static void start() throws Exception {
        active = new GatewayFixture(TestFtpConfig.loopback().withActiveEnabled(true)
                .withDataTimeout(Duration.ofSeconds(1)));
        active.policy.allowPlainFtp(GatewayFixture.TENANT).allowActiveFtp(GatewayFixture.TENANT);
    }

    @AfterAll
    static void stop() {
        active.close();
    }

    @Test
    void epsvAllRefusesEveryOtherDataCommand() throws Exception {
        try (RawControl c = loggedIn(active)) {
            assertTrue(c.send("EPSV ALL").startsWith("200 "));
            for (String command : new String[]{"PASV", "PORT 127,0,0,1,200,10", "EPRT |1|127.0.0.1|51210|"}) {
                String reply = c.send(command);
                assertTrue(reply.startsWith("503 ") && reply.contains("EPSV ALL"), command + ": " + reply);
            }
            assertTrue(c.send("EPSV").startsWith("229 "), "EPSV still works");
            assertTrue(c.send("EPSV 3").startsWith("522 "), "unknown network protocol");
        }
    }

    @Test
    void portAndEprtOnlyToTheClientsOwnAddress() throws Exception {
        try (RawControl c = loggedIn(active)) {
            String bounce = c.send("PORT 192,0,2,1,200,10");
            assertTrue(bounce.startsWith("504 ") && bounce.contains("another address than yours (127.0.0.1)"),
                    bounce);
            String privileged = c.send("PORT 127,0,0,1,0,25");
            assertTrue(privileged.startsWith("504 ") && privileged.contains("privileged port"), privileged);
            String eprt = c.send("EPRT |1|192.0.2.1|51210|");
            assertTrue(eprt.startsWith("504 ") && eprt.contains("another address"), eprt);
            assertTrue(c.send("PORT 1,2,3").startsWith("501 "));
            assertTrue(c.send("EPRT |1|not-an-address|51210|").startsWith("501 "));
            assertTrue(c.send("PORT 127,0,0,1,200,10").startsWith("200 "));
            assertTrue(c.send("EPRT |1|127.0.0.1|51210|").startsWith("200 "));
        }
        active.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "permission_denied".equals(e.reason())
                && "alice".equals(e.user()), WAIT);
    }

    @Test
    void activeModeTransfersWithCommonsNet() throws Exception {
        TestFtpsClient c = Clients.loggedIn(active, false, "alice");
        try {
            c.enterLocalActiveMode();
            c.setActivePortRange(50000, 60000); // unprivileged, as the gateway requires
            byte[] content = "active mode".getBytes(StandardCharsets.UTF_8);
            assertTrue(c.storeFile("active.txt", new ByteArrayInputStream(content)), c.getReplyString());
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(c.retrieveFile("active.txt", back), c.getReplyString());
            assertArrayEquals(content, back.toByteArray());
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void activeModeOffByDefaultSaysSo() throws Exception {
        try (GatewayFixture f = new GatewayFixture()) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT);
            try (RawControl c = loggedIn(f)) {
                String reply = c.send("PORT 127,0,0,1,200,10");
                assertTrue(reply.startsWith("502 ") && reply.contains("use passive mode"), reply);
                assertTrue(c.send("EPRT |1|127.0.0.1|51210|").startsWith("502 "));
            }
            FTPClient plain = Clients.plain(f);
            try {
                assertTrue(plain.login("alice", GatewayFixture.PASSWORD));
                plain.enterLocalActiveMode();
                assertFalse(plain.storeFile("x.txt", new ByteArrayInputStream(new byte[]{1})));
                assertEquals(502, plain.getReplyCode(), plain.getReplyString());
            } finally {
                Clients.close(plain);
            }
            // the operator's switch refuses with the tenant's reason code, audited the same way
            f.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "active_mode_disabled".equals(e.reason())
                    && "alice".equals(e.user()), WAIT);
        }
    }

    @Test
    void aTenantThatHasNotTurnedActiveModeOnIsRefusedWithItsReason() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withActiveEnabled(true))) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT); // but not active mode
            try (RawControl c = loggedIn(f)) {
                String reply = c.send("PORT 127,0,0,1,200,10");
                assertTrue(reply.startsWith("502 ") && reply.contains("not enabled for this site")
                        && reply.contains("passive mode"), reply);
                assertTrue(c.send("EPRT |1|127.0.0.1|51210|").startsWith("502 "));
                assertTrue(c.send("EPSV").startsWith("229 "), "passive mode still works");
            }
            f.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "active_mode_disabled".equals(e.reason())
                    && "alice".equals(e.user()), WAIT);
        }
    }

    @Test
    void aPassivePortNobodyConnectsToAnswers425AfterTheDataTimeout() throws Exception {
        try (RawControl c = loggedIn(active)) {
            assertTrue(c.send("TYPE I").startsWith("200"));
            assertTrue(c.send("PASV").startsWith("227 "));
            long start = System.nanoTime();
            assertTrue(c.send("STOR nobody.txt").startsWith("150"));
            String reply = c.reply();
            assertTrue(reply.startsWith("425 "), reply);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(900)) >= 0,
                    "waited for the data timeout");
            assertTrue(c.send("EPSV").startsWith("229 "));
            assertTrue(c.send("RETR active-missing.txt").startsWith("550"), "a missing file needs no connection");
            assertTrue(c.send("NOOP").startsWith("200"), "the session goes on");
        }
        assertFalse(active.storage.exists(GatewayFixture.TENANT, "/alice/nobody.txt"));
    }

    /** A plain-FTP session logged in as alice (the fixture's tenant allows plain FTP). */
    @Test
    void anExhaustedPassiveSliceRefusesWith421AndAnAuditEventThenServesAgain() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withPassivePorts(Integer.toString(port)))) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT);
            try (RawControl holder = loggedIn(f)) {
                String first = holder.send("PASV");
                assertTrue(first.startsWith("227 "), first);
                try (RawControl late = loggedIn(f)) {
                    String refused = late.send("EPSV");
                    assertEquals("421 " + PassiveCommand.EXHAUSTED_TEXT, refused);
                    assertEquals(null, late.reply(), "the session is closed: the client reconnects, maybe elsewhere");
                }
                f.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "service_unavailable".equals(e.reason())
                        && PassiveCommand.STAGE_EXHAUSTED.equals(e.data().get("stage"))
                        && "alice".equals(e.user()), WAIT);
            }
            // the holder's session ended: its port is free again
            try (RawControl next = loggedIn(f)) {
                String again = next.send("PASV");
                assertTrue(again.startsWith("227 "), again);
            }
        }
    }

    @Test
    void aPassivePortHeldOnAnotherAddressIsUsedAndOneHeldOnOursIsSkipped() throws Exception {
        int elsewhere;
        int ours;
        try (java.net.ServerSocket a = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.ServerSocket b = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            elsewhere = a.getLocalPort();
            ours = b.getLocalPort();
        }
        // as on one host with the local cluster's HAProxy: it listens on the same port on another loopback address
        try (java.net.ServerSocket balancer = new java.net.ServerSocket(elsewhere, 1,
                java.net.InetAddress.getByName("127.0.0.2"));
             java.net.ServerSocket squatter = new java.net.ServerSocket(ours, 1, java.net.InetAddress.getLoopbackAddress());
             GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withPassivePorts(elsewhere + "," + ours))) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT);
            try (RawControl c = loggedIn(f)) {
                // the pool picks at random: a few PASV make it pick the taken port first at least once, most likely
                for (int i = 0; i < 6; i++) {
                    String reply = c.send("PASV");
                    assertTrue(reply.startsWith("227 "), reply);
                    String[] parts = reply.substring(reply.indexOf('(') + 1, reply.indexOf(')')).split(",");
                    assertEquals(elsewhere, Integer.parseInt(parts[4]) * 256 + Integer.parseInt(parts[5]), reply);
                }
            }
        }
    }

    private static RawControl loggedIn(GatewayFixture f) throws Exception {
        RawControl c = new RawControl(f, 10_000);
        assertTrue(c.send("USER alice").startsWith("331"));
        assertTrue(c.send("PASS " + GatewayFixture.PASSWORD).startsWith("230"));
        return c;
    }
}
