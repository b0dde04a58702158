package dev.wharf.sftp.limits;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import dev.wharf.sftp.testing.Poll;
import dev.wharf.sftp.testing.TcpRelay;
import dev.wharf.sftp.testing.TestConfig;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection limits, login grace time and authentication attempts, with small values: 3 connections logging in
 * in total, 2 per address, 3 sessions per address, 5 s grace time, 2 failed attempts. Other addresses come
 * through a PROXY relay (loopback is trusted, headers optional), so the limits are shown on the real address.
 * Per session: 2 SFTP channels, 3 open handles per channel.
 */
class LimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path keys;
    static GatewayFixture fx;
    static MinaClient mina;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(new TestConfig(keys.toString()).withLimits(3, 2, 3)
                .withLoginGraceTime(Duration.ofSeconds(5)).withMaxAuthAttempts(2)
                .withProxyProtocol(false, "127.0.0.1/32").withSessionResources(2, 3));
        mina = new MinaClient();
    }

    @AfterAll
    static void stop() {
        mina.close();
        fx.close();
    }

    /** A client that identifies itself and then waits, as a slow or malicious one logging in would. */
    private static Socket identified(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) WAIT.toMillis());
        s.getOutputStream().write("SSH-2.0-WharfTest\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Everything the server sends until it closes (identification, key exchange offer, disconnect message). */
    private static String readToClose(Socket s) throws IOException {
        try (InputStream in = s.getInputStream()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Test
    void connectionsLoggingInArelimitedPerAddress() throws IOException {
        Instant since = Instant.now();
        List<Socket> waiting = new ArrayList<>();
        try {
            waiting.add(identified(fx.port()));
            waiting.add(identified(fx.port()));
            assertTrue(Poll.isTrue(WAIT, () -> fx.gateway.startups() == 2));
            try (Socket third = identified(fx.port())) {
                String reply = readToClose(third);
                assertTrue(reply.contains("Too many connections from your address are logging in at once (at most 2)"),
                        reply);
                assertRefusalAudited("unauthenticated-limit", "127.0.0.1", since);
            }
        } finally {
            closeAll(waiting);
        }
        assertTrue(Poll.isTrue(WAIT, () -> fx.gateway.startups() == 0), "closed connections are released");
    }

    @Test
    void connectionsLoggingInAreLimitedInTotalOnTheRealAddresses() throws IOException {
        Instant since = Instant.now();
        List<TcpRelay> relays = new ArrayList<>();
        List<Socket> waiting = new ArrayList<>();
        try {
            for (int i = 1; i <= 4; i++) {
                relays.add(new TcpRelay(fx.port(), TcpRelay.whole(TcpRelay.v1("203.0.113." + i, 1000, "198.51.100.1", 22))));
            }
            for (int i = 0; i < 3; i++) {
                waiting.add(identified(relays.get(i).port()));
            }
            assertTrue(Poll.isTrue(WAIT, () -> fx.gateway.startups() == 3));
            try (Socket fourth = identified(relays.get(3).port())) {
                String reply = readToClose(fourth);
                assertTrue(reply.contains("Too many connections are logging in to this server at once"), reply);
                // refused when the TCP connection arrives, before its PROXY header: the relay's address
                assertRefusalAudited("unauthenticated-limit", "127.0.0.1", since);
            }
        } finally {
            closeAll(waiting);
            for (TcpRelay r : relays) {
                r.close();
            }
        }
        assertTrue(Poll.isTrue(WAIT, () -> fx.gateway.startups() == 0));
    }

    @Test
    void sessionsPerAddressAreLimited() throws IOException {
        Instant since = Instant.now();
        List<ClientSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sessions.add(mina.login(fx.port(), "alice", PASSWORD));
            }
            assertTrue(Poll.isTrue(WAIT, () -> fx.gateway.startups() == 0), "logged-in sessions are no startups");
            try (Socket fourth = identified(fx.port())) {
                String reply = readToClose(fourth);
                assertTrue(reply.contains("Too many connections from your address (at most 3)"), reply);
                assertRefusalAudited("connection-limit", "127.0.0.1", since);
                assertTrue(Poll.isTrue(WAIT, () -> fx.meters.find("wharf.sftp.connections.refused")
                        .tag("cause", "connections_per_address").counter() != null));
            }
        } finally {
            for (ClientSession s : sessions) {
                s.close(true);
            }
        }
        assertTrue(Poll.isTrue(WAIT, () -> fx.gateway.metrics().openSessions() == 0));
        mina.login(fx.port(), "alice", PASSWORD).close(true);
    }

    @Test
    void loginGraceTimeClosesAConnectionThatDoesNotLogIn() throws IOException {
        Instant since = Instant.now();
        long start = System.nanoTime();
        try (Socket s = identified(fx.port())) {
            String reply = readToClose(s);
            assertTrue(reply.contains("service_unavailable: Login grace time of 5 s exceeded"), reply);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds >= 4 && seconds < 15, "closed after about 5 s, took " + seconds);
        assertRefusalAudited("login-grace-time", "127.0.0.1", since);
    }

    @Test
    void failedAttemptsBeyondTheMaximumDisconnect() {
        fx.identity.addUser(GatewayFixture.TENANT, "frank", PASSWORD, "/frank");
        IOException e = assertThrows(IOException.class, () -> mina.authenticateWithPasswords(fx.port(), "frank",
                List.of("wrong-1", "wrong-2", PASSWORD, PASSWORD)));
        assertTrue(Poll.isTrue(WAIT, () -> fx.audit.ofType(AuditType.LOGIN_FAILED).stream()
                .filter(x -> "frank".equals(x.user())).count() == 2));
        assertEquals(0, fx.audit.ofType(AuditType.LOGIN_SUCCEEDED).stream().filter(x -> "frank".equals(x.user()))
                .count(), "the right password after the maximum is never checked: " + e);
        AuditEvent refusal = fx.audit.await(AuditType.POLICY_DENIED,
                x -> "max-auth-attempts".equals(x.data().get("stage")), WAIT).orElseThrow();
        assertEquals("frank", refusal.user());
        assertEquals("service_unavailable", refusal.reason());
    }

    @Test
    void openHandlesPerChannelAreCappedWithAReasonAndFreedOnClose() throws IOException {
        fx.identity.addUser(GatewayFixture.TENANT, "hank", PASSWORD, "/hank");
        try (ClientSession session = mina.login(fx.port(), "hank", PASSWORD);
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            List<SftpClient.Handle> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(sftp.openDir("/"));
            }
            SftpException refused = assertThrows(SftpException.class, () -> sftp.openDir("/"));
            assertEquals(SftpConstants.SSH_FX_FAILURE, refused.getStatus());
            assertTrue(refused.getMessage().startsWith("limit_reached:"), refused.getMessage());
            sftp.close(open.removeFirst());
            open.add(sftp.openDir("/"));
            assertEquals(3, open.size(), "a closed handle makes room for the next one");
        }
    }

    @Test
    void sftpChannelsPerSessionAreCapped() throws Exception {
        fx.identity.addUser(GatewayFixture.TENANT, "ivy", PASSWORD, "/ivy");
        try (ClientSession session = mina.login(fx.port(), "ivy", PASSWORD);
             SftpClient first = SftpClientFactory.instance().createSftpClient(session);
             SftpClient second = SftpClientFactory.instance().createSftpClient(session)) {
            assertThrows(IOException.class, () -> SftpClientFactory.instance().createSftpClient(session).close(),
                    "a third channel is refused");
            assertEquals("/", first.canonicalPath("."), "the open channels keep working");
            // the client's close is asynchronous: its CLOSE may leave after the next OPEN unless we wait for it
            java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
            second.getClientChannel().addCloseFutureListener(f -> closed.complete(null));
            second.close();
            closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
            try (SftpClient third = SftpClientFactory.instance().createSftpClient(session)) {
                assertEquals("/", third.canonicalPath("."), "a closed channel makes room");
            }
        }
    }

    /** As gateway-ftp's 421 refusals: a policy.denied event with the disconnect's reason code and the stage. */
    private static void assertRefusalAudited(String stage, String clientAddress, Instant since) {
        AuditEvent e = fx.audit.await(AuditType.POLICY_DENIED, x -> stage.equals(x.data().get("stage"))
                && !x.time().isBefore(since)
                && clientAddress.equals(x.clientAddress()), WAIT).orElseThrow(() -> new AssertionError(
                "no policy.denied event with stage " + stage + " from " + clientAddress + " in " + fx.audit.events()));
        assertEquals("service_unavailable", e.reason());
        assertEquals("sftp", e.protocol());
    }
}
