package dev.wharf.ftp.server;

import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.Poll;
import dev.wharf.ftp.support.RawControl;
import dev.wharf.ftp.support.TestFtpConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the gateway while a transfer runs: no new connections, the transfer may finish until the deadline. */
class GracefulShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aTransferInProgressFinishesThenSessionsGet421() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback().withShutdownDeadline(WAIT))) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT);
            byte[] content = new byte[64 * 1024];
            Arrays.fill(content, (byte) 'x');
            try (RawControl c = loggedIn(f); Socket data = startUpload(f, c, "slow.txt")) {
                OutputStream out = data.getOutputStream();
                out.write(content, 0, content.length / 2);
                out.flush();
                Poll.until("the transfer to be counted", WAIT, () -> f.gateway.activeTransfers() == 1);
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(f.gateway::stop);
                Poll.until("readiness down", WAIT, () -> !f.gateway.listening());
                // the listener is unbound asynchronously after readiness goes down: wait for the refusal itself
                Poll.until("new connections to be refused while draining", WAIT,
                        () -> refusesConnections(f.explicitPort()));
                assertFalse(stopping.isDone(), "stop waits for the transfer");
                out.write(content, content.length / 2, content.length - content.length / 2);
                data.close();
                String done = c.reply();
                assertTrue(done.startsWith("226"), done);
                String bye = c.reply();
                assertTrue(bye.startsWith("421 The server is shutting down"), bye);
                assertNull(c.reply(), "closed");
                stopping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertArrayEquals(content, f.storage.content(GatewayFixture.TENANT, "/alice/slow.txt"));
        }
    }

    @Test
    void aTransferStillRunningAtTheDeadlineIsCutAndNotStored() throws Exception {
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback()
                .withShutdownDeadline(Duration.ofSeconds(1)))) {
            f.policy.allowPlainFtp(GatewayFixture.TENANT);
            try (RawControl c = loggedIn(f); Socket data = startUpload(f, c, "cut.txt")) {
                data.getOutputStream().write(new byte[1000]);
                data.getOutputStream().flush();
                Poll.until("the transfer to be counted", WAIT, () -> f.gateway.activeTransfers() == 1);
                CompletableFuture.runAsync(f.gateway::stop).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                StringBuilder replies = new StringBuilder();
                for (String r = c.reply(); r != null && replies.length() < 2000; r = c.reply()) {
                    replies.append(r).append('\n');
                }
                assertTrue(replies.toString().contains("421 The server is shutting down"), replies.toString());
            }
            assertFalse(f.storage.exists(GatewayFixture.TENANT, "/alice/cut.txt"), "a cut upload is not stored");
        }
    }

    private static RawControl loggedIn(GatewayFixture f) throws IOException {
        RawControl c = new RawControl(f, 20_000);
        assertTrue(c.send("USER alice").startsWith("331"));
        assertTrue(c.send("PASS " + GatewayFixture.PASSWORD).startsWith("230"));
        assertTrue(c.send("TYPE I").startsWith("200"));
        return c;
    }

    /** EPSV, connect, STOR: returns the open data socket after the 150. */
    private static Socket startUpload(GatewayFixture f, RawControl c, String name) throws IOException {
        String epsv = c.send("EPSV");
        int port = Integer.parseInt(epsv.substring(epsv.indexOf("(|||") + 4, epsv.lastIndexOf("|)")));
        Socket data = new Socket("127.0.0.1", port);
        String started = c.send("STOR " + name);
        assertTrue(started.startsWith("150"), started);
        return data;
    }

    private static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
