package dev.wharf.ftp.control;

import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.RawControl;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestFtpsClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle timeout (1 s here): 421 then close; NOOP and a running transfer keep the session. */
class IdleTimeoutTest {
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture(TestFtpConfig.loopback().withIdleTimeout(IDLE));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void anIdleSessionGets421ThenIsClosed() throws Exception {
        try (RawControl c = new RawControl(f, 15_000)) {
            long started = System.nanoTime();
            String reply = c.reply();
            long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(reply != null && reply.startsWith("421 "), String.valueOf(reply));
            assertTrue(reply.contains("Idle timeout"), reply);
            assertTrue(waited >= 900, "closed only after the idle time, not at once: " + waited + " ms");
            assertNull(c.reply(), "the connection is closed after the 421");
        }
    }

    @Test
    void noopKeepsALoggedInSessionOpenPastTheIdleTime() throws Exception {
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            long end = System.nanoTime() + IDLE.multipliedBy(3).toNanos();
            for (int i = 0; i < 100 && System.nanoTime() < end; i++) {
                assertTrue(c.sendNoOp(), "NOOP " + i + ": " + c.getReplyString());
                LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            }
            FTPConnectionClosedException closed = assertThrows(FTPConnectionClosedException.class, c::getReply,
                    "once quiet, the session ends");
            assertTrue(closed.getMessage().contains("421"), closed.getMessage());
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void aSlowUploadLongerThanTheIdleTimeIsNotCut() throws Exception {
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'x');
        int chunks = 12;
        try {
            try (OutputStream out = c.storeFileStream("slow.bin")) {
                assertTrue(out != null, c.getReplyString());
                for (int i = 0; i < chunks; i++) {
                    out.write(chunk);
                    out.flush();
                    // 12 x 250 ms: three times the idle time, with data flowing all along
                    LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                }
            }
            assertTrue(c.completePendingCommand(), c.getReplyString());
            assertTrue(c.sendNoOp(), "the session is still open after the transfer: " + c.getReplyString());
        } finally {
            Clients.close(c);
        }
        byte[] expected = new byte[chunk.length * chunks];
        Arrays.fill(expected, (byte) 'x');
        assertArrayEquals(expected, f.storage.content(GatewayFixture.TENANT, "/alice/slow.bin"));
    }
}
