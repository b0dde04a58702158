package dev.wharf.ftp.control;

import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.RawControl;
import dev.wharf.ftp.support.TestFtpConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The login timeout and the cap on connections that have not logged in. */
class LoginGateTest {
    @Test
    void aConnectionThatDoesNotLogInInTimeGets421() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withLoginTimeout(Duration.ofSeconds(1)))) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT);
            try (RawControl c = new RawControl(f, 10_000)) {
                assertTrue(c.send("USER alice").startsWith("331"), "commands do not reset the login timeout");
                String reply = c.reply();
                assertTrue(reply.startsWith("421 Login timeout"), reply);
                assertNull(c.reply(), "closed");
            }
            try (RawControl c = new RawControl(f, 10_000)) {
                assertTrue(c.send("USER alice").startsWith("331"));
                assertTrue(c.send("PASS " + GatewayFixture.PASSWORD).startsWith("230"));
                // well past the login timeout: a logged-in session is not affected
                long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                for (int i = 0; i < 100 && System.nanoTime() < deadline; i++) {
                    assertTrue(c.send("NOOP").startsWith("200"));
                }
                assertTrue(c.send("PWD").startsWith("257"));
            }
        }
    }

    @Test
    void connectionsNotLoggedInAreCapped() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withMaxUnauthenticated(1))) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT);
            try (RawControl first = new RawControl(f, 10_000)) {
                String refused = firstLine(f);
                assertTrue(refused.startsWith("421 Too many connections are logging in to this server at once"), refused);
                assertTrue(first.send("USER alice").startsWith("331"));
                assertTrue(first.send("PASS " + GatewayFixture.PASSWORD).startsWith("230"));
                // logged in: the slot is free again
                try (RawControl second = new RawControl(f, 10_000)) {
                    assertTrue(second.send("USER bob").startsWith("331"));
                }
            }
        }
    }

    private static String firstLine(GatewayFixture f) throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            assertNull(in.readLine(), "closed after " + line);
            return line;
        }
    }
}
