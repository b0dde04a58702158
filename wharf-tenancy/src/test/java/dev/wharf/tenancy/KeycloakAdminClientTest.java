package dev.wharf.tenancy;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's bounds against servers that misbehave on real sockets: one that accepts and never answers, one that
 * trickles a body, one that is not there. Its calls on a real Keycloak are policy- and identity-service's tests.
 */
class KeycloakAdminClientTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** Generous for a loaded 2-core machine, and still far below what an unbounded call would take. */
    private static final Duration LATEST = Duration.ofSeconds(5);

    private static KeycloakAdminClient client(int port) {
        return new KeycloakAdminClient(new KeycloakAdminClient.Settings("test", "http://127.0.0.1:" + port + "/",
                "master", "admin-cli", "admin", "secret", TIMEOUT));
    }

    @Test
    void aKeycloakThatNeverAnswersIsUnavailableWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             KeycloakAdminClient c = client(silent.getLocalPort())) {
            assertBounded(c);
            assertFalse(c.reachable(TIMEOUT));
        }
    }

    @Test
    void aBodyTrickledByteByByteIsCutOffAsAWhole() throws Exception {
        try (ServerSocket trickle = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             KeycloakAdminClient c = client(trickle.getLocalPort())) {
            Thread server = Thread.ofVirtual().start(() -> trickleForever(trickle));
            try {
                assertBounded(c);
            } finally {
                server.interrupt();
            }
        }
    }

    @Test
    void aKeycloakThatIsNotThereIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (KeycloakAdminClient c = client(port)) {
            assertBounded(c);
            assertFalse(c.reachable(TIMEOUT));
        }
    }

    private static void assertBounded(KeycloakAdminClient c) {
        long start = System.nanoTime();
        WharfException e = assertThrows(WharfException.class,
                () -> c.call("read realm acme", k -> k.realm("acme").toRepresentation()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("read realm acme"), e.getMessage());
        assertTrue(took.compareTo(LATEST) < 0, "took " + took);
    }

    /** Answers every connection with headers promising a long body, then one byte every 200 ms (under the read timeout). */
    private static void trickleForever(ServerSocket server) {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20 && !Thread.currentThread().isInterrupted(); i++) {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> {
                    try (OutputStream out = s.getOutputStream()) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        for (int b = 0; b < 100; b++) {
                            out.write(' ');
                            out.flush();
                            Thread.sleep(200); // the slow server under test, not a synchronisation
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client gave up: what the test wants
                    }
                });
            }
        } catch (IOException e) {
            // server closed at the end of the test
        } finally {
            open.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            });
        }
    }
}
