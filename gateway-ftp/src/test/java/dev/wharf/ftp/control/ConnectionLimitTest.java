package dev.wharf.ftp.control;

import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.Poll;
import dev.wharf.ftp.support.RawControl;
import dev.wharf.ftp.support.TestFtpConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection caps per replica and per client address: 421 with the reason, and the slot is freed on close. */
class ConnectionLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aConnectionOverThePerAddressCapGets421() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withConnectionLimits(0, 2));
             RawControl one = new RawControl(f, 10_000);
             RawControl two = new RawControl(f, 10_000)) {
            String refused = firstReplyThenEnd(f);
            assertTrue(refused.startsWith("421 "), refused);
            assertTrue(refused.contains("from your address (at most 2)"), refused);
            f.audit.await(e -> e.type() == AuditType.POLICY_DENIED && "service_unavailable".equals(e.reason())
                    && "connection-limit".equals(e.data().get("stage")) && "127.0.0.1".equals(e.clientAddress()), WAIT);
            assertTrue(one.send("NOOP") != null, "the first connections are untouched");
            two.close();
            AtomicReference<String> greeting = new AtomicReference<>();
            Poll.until("a slot to free up after a close", WAIT, () -> {
                greeting.set(firstReply(f));
                return greeting.get().startsWith("220 ");
            });
        }
    }

    @Test
    void aConnectionOverTheTotalCapGets421() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withConnectionLimits(1, 0));
             RawControl one = new RawControl(f, 10_000)) {
            String refused = firstReplyThenEnd(f);
            assertTrue(refused.startsWith("421 "), refused);
            assertTrue(refused.contains("Too many connections to this server"), refused);
            assertEquals("530", one.send("PWD").substring(0, 3), "the first connection still works");
        }
    }

    /** Connects, reads the first reply and asserts the server closed the connection after it. */
    private static String firstReplyThenEnd(GatewayFixture f) throws IOException {
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            assertNull(in.readLine(), "the connection is closed after " + first);
            return first;
        }
    }

    private static String firstReply(GatewayFixture f) {
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }
}
