package dev.wharf.e2e;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static dev.wharf.e2e.AuditLog.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SFTP with a password through the whole platform: Keycloak login, policy, disk storage, Kafka audit. */
class SftpEndToEndIT {
    private static SshClient client;
    private final E2ePlatform platform = E2ePlatform.get();

    @BeforeAll
    static void startClient() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE); // freshly generated host keys
        client.start();
    }

    @AfterAll
    static void stopClient() {
        client.stop();
    }

    private ClientSession login(String user, String password) throws Exception {
        ClientSession s = client.connect(user, "127.0.0.1", platform.sftpPort()).verify(Duration.ofSeconds(20))
                .getSession();
        s.addPasswordIdentity(password);
        s.auth().verify(Duration.ofSeconds(30));
        return s;
    }

    @Test
    void uploadListDownloadRenameDeleteAreAudited() throws Exception {
        byte[] content = E2ePlatform.randomBytes(3_000_000);
        String name = "sftp-" + UUID.randomUUID() + ".bin";
        String renamed = "renamed-" + name;

        try (ClientSession s = login("demo", platform.demoPassword());
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            try (OutputStream out = sftp.write(name)) {
                out.write(content);
            }
            List<String> names = StreamSupport.stream(sftp.readDir("/").spliterator(), false)
                    .map(SftpClient.DirEntry::getFilename).toList();
            assertTrue(names.contains(name), names.toString());
            assertEquals(content.length, sftp.stat(name).getSize());
            try (InputStream in = sftp.read(name)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            sftp.rename(name, renamed);
            sftp.remove(renamed);
            assertThrows(Exception.class, () -> sftp.stat(renamed));
        }

        try (AuditLog audit = platform.auditLog()) {
            String sha = E2ePlatform.sha256(content);
            var events = audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.file.uploaded", Map.of("path", "/" + name)));
            AuditLog.Entry upload = events.stream()
                    .filter(of("dev.wharf.file.uploaded", Map.of("path", "/" + name))).findFirst()
                    .orElseThrow(() -> new AssertionError("no upload event for " + name));
            assertEquals(sha, upload.data().path("sha256").asText());
            assertEquals(content.length, upload.data().path("bytes").asLong());
            String session = upload.sessionId();
            List<AuditLog.Entry> all = audit.awaitAll(Duration.ofSeconds(60),
                    of(session, "dev.wharf.session.opened"), of(session, "dev.wharf.login.succeeded"),
                    of(session, "dev.wharf.file.downloaded"), of(session, "dev.wharf.file.renamed"),
                    of(session, "dev.wharf.file.deleted"), of(session, "dev.wharf.session.closed"));
            List<AuditLog.Entry> mine = all.stream().filter(e -> session.equals(e.sessionId())).toList();
            E2ePlatform.assertSessionEvents(mine, "sftp", List.of("dev.wharf.session.opened",
                    "dev.wharf.login.succeeded", "dev.wharf.file.uploaded", "dev.wharf.file.downloaded",
                    "dev.wharf.file.renamed", "dev.wharf.file.deleted", "dev.wharf.session.closed"));
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        Exception e = assertThrows(Exception.class, () -> login("demo", "not-the-password").close());
        assertFalse(e.getMessage() == null || e.getMessage().isEmpty());
    }
}
