package dev.wharf.e2e;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.wharf.e2e.AuditLog.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Explicit and implicit FTPS through the whole platform: Keycloak login, policy, disk storage, Kafka audit. */
class FtpsEndToEndIT {
    private final E2ePlatform platform = E2ePlatform.get();

    private FTPSClient connect(boolean implicit) throws Exception {
        FTPSClient ftp = new FTPSClient("TLS", implicit);
        ftp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager()); // the platform's self-signed certificate
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        ftp.connect("127.0.0.1", implicit ? platform.ftpImplicitPort() : platform.ftpExplicitPort());
        assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()), ftp.getReplyString());
        ftp.execPBSZ(0);
        ftp.execPROT("P");
        return ftp;
    }

    @Test
    void explicitFtpsUploadListDownloadRenameDeleteAreAudited() throws Exception {
        byte[] content = E2ePlatform.randomBytes(3_000_000);
        String name = "ftps-" + UUID.randomUUID() + ".bin";
        String renamed = "renamed-" + name;

        FTPSClient ftp = connect(false);
        try {
            assertTrue(ftp.login("demo", platform.demoPassword()), ftp.getReplyString());
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);

            assertTrue(ftp.storeFile(name, new ByteArrayInputStream(content)), ftp.getReplyString());
            FTPFile listed = Arrays.stream(ftp.listFiles()).filter(f -> f.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not listed"));
            assertEquals(content.length, listed.getSize());

            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(ftp.retrieveFile(name, back), ftp.getReplyString());
            assertArrayEquals(content, back.toByteArray());

            assertTrue(ftp.rename(name, renamed), ftp.getReplyString());
            assertTrue(ftp.deleteFile(renamed), ftp.getReplyString());
            assertFalse(Arrays.stream(ftp.listNames()).anyMatch(n -> n.equals(renamed)));
            ftp.logout();
        } finally {
            ftp.disconnect();
        }

        try (AuditLog audit = platform.auditLog()) {
            String sha = E2ePlatform.sha256(content);
            var events = audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.file.uploaded", Map.of("path", "/" + name, "sha256", sha)));
            AuditLog.Entry upload = events.stream()
                    .filter(of("dev.wharf.file.uploaded", Map.of("path", "/" + name))).findFirst()
                    .orElseThrow(() -> new AssertionError("no upload event for " + name + " in " + events.size()));
            String session = upload.sessionId();
            List<AuditLog.Entry> all = audit.awaitAll(Duration.ofSeconds(60),
                    of(session, "dev.wharf.session.opened"), of(session, "dev.wharf.login.succeeded"),
                    of(session, "dev.wharf.file.downloaded"), of(session, "dev.wharf.file.renamed"),
                    of(session, "dev.wharf.file.deleted"), of(session, "dev.wharf.session.closed"));
            List<AuditLog.Entry> mine = all.stream().filter(e -> session.equals(e.sessionId())).toList();
            E2ePlatform.assertSessionEvents(mine, "ftps", List.of("dev.wharf.session.opened",
                    "dev.wharf.login.succeeded", "dev.wharf.file.uploaded", "dev.wharf.file.downloaded",
                    "dev.wharf.file.renamed", "dev.wharf.file.deleted", "dev.wharf.session.closed"));
            assertEquals(content.length, upload.data().path("bytes").asLong());
            AuditLog.Entry download = mine.stream().filter(e -> e.type().equals("dev.wharf.file.downloaded"))
                    .findFirst().orElseThrow();
            assertEquals(content.length, download.data().path("bytes").asLong());
            assertEquals(sha, download.data().path("sha256").asText());
        }
    }

    @Test
    void implicitFtpsRoundTrip() throws Exception {
        byte[] content = E2ePlatform.randomBytes(200_000);
        String name = "implicit-" + UUID.randomUUID() + ".bin";
        FTPSClient ftp = connect(true);
        try {
            assertTrue(ftp.login("demo", platform.demoPassword()), ftp.getReplyString());
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            assertTrue(ftp.storeFile(name, new ByteArrayInputStream(content)), ftp.getReplyString());
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(ftp.retrieveFile(name, back), ftp.getReplyString());
            assertArrayEquals(content, back.toByteArray());
            assertTrue(ftp.deleteFile(name), ftp.getReplyString());
        } finally {
            ftp.disconnect();
        }
    }

    @Test
    void wrongPasswordIsRefusedWithAReasonAndAudited() throws Exception {
        FTPSClient ftp = connect(false);
        try {
            String user = "demo";
            assertFalse(ftp.login(user, "not-the-password"));
            assertEquals(530, ftp.getReplyCode());
            assertTrue(ftp.getReplyString().contains("check the user name and password"), ftp.getReplyString());
        } finally {
            ftp.disconnect();
        }
        try (AuditLog audit = platform.auditLog()) {
            var events = audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.login.failed", Map.of("reason", "bad_credentials", "protocol", "ftps")));
            assertTrue(events.stream().anyMatch(of("dev.wharf.login.failed",
                    Map.of("reason", "bad_credentials", "user", "demo", "tenant", "demo"))));
        }
    }
}
