package dev.wharf.sftp.server;

import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import dev.wharf.sftp.testing.Poll;
import dev.wharf.sftp.testing.TestConfig;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static dev.wharf.sftp.testing.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graceful shutdown in process: stop accepting (readiness DOWN), close idle sessions with a message, let a running
 * upload finish, and after the deadline close what is left (its upload discarded).
 */
class ShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final EnumSet<SftpClient.OpenMode> WRITE = EnumSet.of(SftpClient.OpenMode.Write,
            SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate);

    @TempDir
    static Path keys;
    static MinaClient mina;
    /** Disconnect messages the client received, by session. */
    static final Map<Session, String> byeMessages = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        mina = new MinaClient();
        mina.client.addSessionListener(new SessionListener() {
            @Override
            public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
                if (!initiator) {
                    byeMessages.put(session, msg);
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        mina.close();
    }

    private static String refusalOfANewConnection(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write("SSH-2.0-WharfTest\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = s.getInputStream()) {
                return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Test
    void runningUploadFinishesIdleSessionsAreClosedAndNewOnesTurnedAway() throws Exception {
        try (GatewayFixture fx = new GatewayFixture(new TestConfig(keys.toString())
                .withShutdownDeadline(Duration.ofSeconds(20)))) {
            ClientSession idle = mina.login(fx.port(), "bob", PASSWORD);
            SftpClient busy = mina.sftp(fx.port(), "alice", PASSWORD);
            SftpClient.CloseableHandle h = busy.open("big.bin", WRITE);
            byte[] first = new byte[64 * 1024];
            busy.write(h, 0, first);
            assertTrue(fx.gateway.isAccepting());

            long started = System.nanoTime();
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(
                    () -> fx.gateway.shutdown(Duration.ofSeconds(20)));
            assertTrue(Poll.isTrue(WAIT, () -> !fx.gateway.isAccepting()), "readiness goes DOWN first");
            assertTrue(Poll.isTrue(WAIT, idle::isClosed), "an idle session is closed at once");
            assertTrue(byeMessages.get(idle).contains("shutting down"), () -> "" + byeMessages);
            assertTrue(refusalOfANewConnection(fx.port()).contains("This server is shutting down"));

            // the upload goes on and is committed
            byte[] second = new byte[32 * 1024];
            second[0] = 7;
            busy.write(h, first.length, second);
            busy.close(h);
            byte[] stored = fx.storage.content(TENANT, "/alice/big.bin");
            assertEquals(first.length + second.length, stored.length);
            assertEquals(7, stored[first.length]);

            shutdown.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 15,
                    "shutdown ends when the transfer did, not at the deadline");
            assertTrue(Poll.isTrue(WAIT, () -> busy.getClientSession().isClosed()));
            assertFalse(fx.gateway.isListening());
        }
    }

    @Test
    void afterTheDeadlineSessionsAreClosedAndUnfinishedUploadsDiscarded() throws Exception {
        try (GatewayFixture fx = new GatewayFixture(new TestConfig(keys.toString()))) {
            SftpClient stuck = mina.sftp(fx.port(), "alice", PASSWORD);
            SftpClient.CloseableHandle h = stuck.open("never.bin", WRITE);
            stuck.write(h, 0, new byte[1024]);
            long started = System.nanoTime();
            fx.gateway.shutdown(Duration.ofSeconds(2));
            long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(took >= 1500 && took < 10_000, "waited for the deadline: " + took + " ms");
            assertTrue(Poll.isTrue(WAIT, () -> stuck.getClientSession().isClosed()));
            assertTrue(byeMessages.get(stuck.getClientSession()).contains("shutting down"), () -> "" + byeMessages);
            assertFalse(fx.storage.exists(TENANT, "/alice/never.bin"), "nothing half-written is stored");
        }
    }
}
