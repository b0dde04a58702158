package dev.wharf.ftp.audit;

import dev.wharf.audit.kafka.KafkaAuditSettings;
import dev.wharf.audit.kafka.KafkaAuditSink;
import dev.wharf.audit.spool.SpoolSettings;
import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestFtpsClient;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway whose audit spool is full (Kafka away long enough): uploads already acknowledged were recorded, and
 * new transfers and new connections get 421 with the audit_unavailable text. The sink is the real spooling one;
 * Kafka is a port where nothing listens.
 */
class AuditUnavailableTest {
    @TempDir
    Path spool;

    @Test
    void aFullSpoolRefusesNewTransfersAndConnectionsWith421() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        KafkaAuditSettings settings = KafkaAuditSettings.defaults("127.0.0.1:" + deadPort, "wharf.audit", spool)
                .withSpool(new SpoolSettings(spool, 16 * 1024, 8 * 1024, 16 * 1024))
                .withCloseTimeout(Duration.ofMillis(200)).withMaxBlock(Duration.ofMillis(100));
        try (KafkaAuditSink sink = new KafkaAuditSink(settings);
             GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback(), null, sink)) {
            TestFtpsClient alice = Clients.loggedIn(f, false, "alice");
            try {
                assertTrue(alice.storeFile("before.txt", bytes("recorded")), alice.getReplyString());
                assertEquals(226, alice.getReplyCode());
                // other sessions' events while Kafka stays away, until the spool is down to its headroom
                for (int i = 0; i < 1_000 && sink.accepting(); i++) {
                    sink.publish(AuditEvent.builder(AuditType.DOWNLOAD, "/gateway-ftp").tenant("demo").user("bob")
                            .data("path", "/bob/f" + i).data("bytes", 1L).build());
                }
                assertFalse(sink.accepting());

                // 421 closes the control connection: the client library reports it as such
                assertThrows(FTPConnectionClosedException.class,
                        () -> alice.storeFile("after.txt", bytes("not recorded")));
                assertEquals(421, alice.getReplyCode(), alice.getReplyString());
                assertTrue(alice.getReplyString().contains(Reason.AUDIT_UNAVAILABLE.userMessage()),
                        alice.getReplyString());
                assertFalse(f.storage.exists(GatewayFixture.TENANT, "/alice/after.txt"), "nothing stored");
            } finally {
                Clients.close(alice);
            }

            FTPClient newcomer = new FTPClient();
            newcomer.setConnectTimeout(10_000);
            newcomer.setDefaultTimeout(10_000);
            try {
                assertThrows(FTPConnectionClosedException.class,
                        () -> newcomer.connect("127.0.0.1", f.explicitPort()));
                assertEquals(421, newcomer.getReplyCode(), newcomer.getReplyString());
                assertTrue(newcomer.getReplyString().contains(Reason.AUDIT_UNAVAILABLE.userMessage()),
                        newcomer.getReplyString());
            } finally {
                Clients.close(newcomer);
            }
            assertEquals(1, f.audit.of(AuditType.UPLOAD).size(), "the upload before the refusal was recorded");
            assertEquals(0, sink.stats().dropped(), "refused in time: no event had to be dropped");
        }
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
