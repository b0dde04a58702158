package dev.wharf.sftp.server;

import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import dev.wharf.sftp.testing.OpenSsh;
import dev.wharf.sftp.testing.Poll;
import dev.wharf.sftp.testing.TestConfig;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.SessionHeartbeatController.HeartbeatType;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle timeout with a short configured value: silent sessions are closed, keepalives keep them open. */
class IdleTimeoutTest {
    private static final Duration IDLE = Duration.ofSeconds(2);

    @TempDir
    static Path keys;
    static GatewayFixture fx;
    static MinaClient mina;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(new TestConfig(keys.toString()).withIdleTimeout(IDLE));
        mina = new MinaClient();
    }

    @AfterAll
    static void stop() {
        mina.close();
        fx.close();
    }

    @Test
    void theDefaultIsSixtySeconds() throws Exception {
        Duration d = Duration.parse(SftpConfig.class.getMethod("idleTimeout")
                .getAnnotation(io.smallrye.config.WithDefault.class).value());
        assertEquals(Duration.ofSeconds(60), d);
    }

    @Test
    void aSilentSessionIsClosedAfterTheIdleTimeout() throws Exception {
        ClientSession s = mina.login(fx.port(), "alice", PASSWORD);
        long started = System.nanoTime();
        assertTrue(Poll.isTrue(Duration.ofSeconds(20), () -> s.isClosed() || s.isClosing()),
                "the server closes a session without traffic");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs >= IDLE.toMillis() - 500, "closed after " + tookMs + " ms, before the idle timeout");
    }

    @Test
    void keepalivesKeepASessionOpen() throws Exception {
        try (MinaClient beating = new MinaClient()) {
            // SSHD starts a session's heartbeat when its connection service starts: set it on the client first
            beating.client.setSessionHeartbeat(HeartbeatType.IGNORE, Duration.ofMillis(400));
            assertKeptOpen(beating.login(fx.port(), "alice", PASSWORD));
        }
    }

    private static void assertKeptOpen(ClientSession s) throws IOException {
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s).singleSessionInstance()) {
            // three idle timeouts without any SFTP request: only the client's keepalives flow
            assertFalse(Poll.isTrue(IDLE.multipliedBy(3), s::isClosing), "closed despite keepalives");
            assertEquals("/", sftp.canonicalPath("."));
        }
    }

    @Test
    void openSshServerAliveIntervalKeepsABatchOpenAndWithoutItTheServerHangsUp() throws Exception {
        OpenSsh.require();
        // `!sleep` runs locally: the session is silent for twice the idle timeout
        OpenSsh.Result kept = OpenSsh.sftp(fx.port(), "alice", PASSWORD, work,
                List.of("-oServerAliveInterval=1"), "ls", "!sleep 4", "ls");
        assertEquals(0, kept.exit(), kept::all);
        OpenSsh.Result dropped = OpenSsh.sftp(fx.port(), "alice", PASSWORD, work, List.of(), "ls", "!sleep 4", "ls");
        assertNotEquals(0, dropped.exit(), dropped::all);
    }

    @Test
    void anOpenFileKeepsTheSessionWhileTheServerWorksOnIt() throws Exception {
        // a file handle open across three idle timeouts without client messages: the case of a storage commit or
        // read taking long (the client waits for the answer); the session is kept, the upload completes
        try (SftpClient sftp = mina.sftp(fx.port(), "alice", PASSWORD)) {
            SftpClient.CloseableHandle h = sftp.open("slow.txt", java.util.EnumSet.of(SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate));
            byte[] data = "written before a long pause".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sftp.write(h, 0, data);
            ClientSession s = sftp.getClientSession();
            assertFalse(Poll.isTrue(IDLE.multipliedBy(3), s::isClosing), "closed while a file was open");
            sftp.close(h);
            assertEquals("written before a long pause", new String(fx.storage.content(GatewayFixture.TENANT,
                    "/alice/slow.txt"), java.nio.charset.StandardCharsets.UTF_8));
            // with the file closed the idle timeout applies again
            assertTrue(Poll.isTrue(Duration.ofSeconds(20), s::isClosing), "idle again after the transfer");
        }
    }
}
