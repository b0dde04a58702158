package dev.wharf.e2e;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * Folder rules with real clients (issue 14): a partner's drop box ({@code upload-only}, the user's own rule) and the
 * clerks who read it ({@code read-only}, their group's rule), both homes the same folder, over FTPS and SFTP; and a
 * team's shared folder, mounted by their group at {@code /shared/finance} in two users' own homes.
 */
class FolderRulesEndToEndIT {
    private static final String TENANT = "fr";
    private static final String PASSWORD = "Rules-" + UUID.randomUUID() + "-x";
    private static final String PARTNER = "partner@" + TENANT + ".localhost";
    private static final String CLERK = "clerk@" + TENANT + ".localhost";
    private static final int QUOTA = 1 << 20;
    private static final int UPLOAD_RATE = 256 * 1024;
    private static final int DOWNLOAD_RATE = 512 * 1024;
    private static SshClient client;

    private final E2ePlatform platform = E2ePlatform.get();

    @BeforeAll
    static void dropBoxAndClerks() {
        AdminApi admin = E2ePlatform.get().admin();
        admin.tenant(TENANT, null);
        admin.user(TENANT, "partner", PASSWORD, "\"home\":\"/inbox\"");
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/users/partner", "{\"folderRules\":[\"upload-only /\"]}");
        admin.user(TENANT, "clerk", PASSWORD, "\"home\":\"/inbox\"");
        admin.send("POST", "/v1/admin/tenants/" + TENANT + "/groups", "{\"name\":\"clerks\"}");
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/groups/clerks", "{\"folderRules\":[\"list,read /\"]}");
        admin.send("PUT", "/v1/admin/tenants/" + TENANT + "/groups/clerks/members/clerk", null);
        String shown = admin.send("GET", "/v1/admin/tenants/" + TENANT + "/users/partner", null);
        assertTrue(shown.contains("\"folderRules\":[\"upload-only /\"]"), shown);

        for (String u : List.of("ann", "ben", "carol")) {
            admin.user(TENANT, u, PASSWORD, null);
        }
        admin.send("POST", "/v1/admin/tenants/" + TENANT + "/groups", "{\"name\":\"accounting\"}");
        String group = admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/groups/accounting",
                "{\"sharedFolders\":[\"finance no-delete /shared/finance\"]}");
        assertTrue(group.contains("\"sharedFolders\":[\"finance no-delete /shared/finance\"]"), group);
        admin.send("PUT", "/v1/admin/tenants/" + TENANT + "/groups/accounting/members/ann", null);
        admin.send("PUT", "/v1/admin/tenants/" + TENANT + "/groups/accounting/members/ben", null);

        admin.user(TENANT, "quinn", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/users/quinn", "{\"quotaBytes\":" + QUOTA + "}");
        admin.user(TENANT, "rita", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/users/rita",
                "{\"uploadBytesPerSecond\":" + UPLOAD_RATE + ",\"downloadBytesPerSecond\":" + DOWNLOAD_RATE + "}");

        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @AfterAll
    static void stopClient() {
        client.stop();
    }

    private FTPSClient ftps(String user) throws Exception {
        FTPSClient ftp = new FTPSClient("TLS", false);
        ftp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        ftp.connect("127.0.0.1", platform.ftpExplicitPort());
        ftp.execPBSZ(0);
        ftp.execPROT("P");
        assertTrue(ftp.login(user, PASSWORD), ftp.getReplyString());
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
        return ftp;
    }

    @Test
    void overFtpsThePartnerOnlyDropsAndTheClerkOnlyReads() throws Exception {
        byte[] content = ("invoice " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String name = "ftps-" + UUID.randomUUID() + ".csv";

        FTPSClient partner = ftps(PARTNER);
        try {
            assertTrue(partner.storeFile(name, new ByteArrayInputStream(content)), partner.getReplyString());
            assertEquals(0, partner.listNames() == null ? 0 : partner.listNames().length, "a drop box lists empty");
            assertFalse(partner.retrieveFile(name, new ByteArrayOutputStream()));
            assertEquals(550, partner.getReplyCode(), partner.getReplyString());
            assertFalse(partner.deleteFile(name));
            assertEquals(550, partner.getReplyCode(), partner.getReplyString());
            assertFalse(partner.storeFile(name, new ByteArrayInputStream(content)), "no overwrite in a drop box");
            assertEquals(550, partner.getReplyCode(), partner.getReplyString());
        } finally {
            partner.disconnect();
        }

        FTPSClient clerk = ftps(CLERK);
        try {
            assertTrue(List.of(clerk.listNames()).contains(name), "the clerk sees the drop");
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(clerk.retrieveFile(name, back), clerk.getReplyString());
            assertArrayEquals(content, back.toByteArray());
            assertFalse(clerk.deleteFile(name));
            assertEquals(550, clerk.getReplyCode(), clerk.getReplyString());
            assertFalse(clerk.storeFile("clerk-" + name, new ByteArrayInputStream(content)));
            assertEquals(550, clerk.getReplyCode(), clerk.getReplyString());
        } finally {
            clerk.disconnect();
        }

        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.file.uploaded", Map.of("path", "/" + name, "user", "partner")),
                    of("dev.wharf.file.denied", Map.of("path", "/" + name, "user", "partner", "operation", "read",
                            "rule", "user:upload-only /", "reason", "permission_denied")),
                    of("dev.wharf.file.denied", Map.of("path", "/" + name, "user", "partner",
                            "operation", "overwrite")),
                    of("dev.wharf.file.denied", Map.of("path", "/" + name, "user", "clerk", "operation", "delete",
                            "rule", "group:clerks:read-only /")));
        }
    }

    @Test
    void overSftpThePartnerOnlyDropsAndTheClerkOnlyReads() throws Exception {
        byte[] content = ("statement " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String name = "sftp-" + UUID.randomUUID() + ".csv";

        try (ClientSession s = login(PARTNER); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            try (OutputStream out = sftp.write(name)) {
                out.write(content);
            }
            List<String> names = StreamSupport.stream(sftp.readDir("/").spliterator(), false)
                    .map(SftpClient.DirEntry::getFilename).filter(n -> !n.equals(".") && !n.equals("..")).toList();
            assertEquals(List.of(), names, "a drop box lists empty");
            assertDenied(() -> {
                try (InputStream in = sftp.read(name)) {
                    in.readAllBytes();
                }
            });
            assertDenied(() -> sftp.remove(name));
            assertDenied(() -> sftp.mkdir("sub"));
        }

        try (ClientSession s = login(CLERK); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            try (InputStream in = sftp.read(name)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertDenied(() -> sftp.remove(name));
            assertDenied(() -> sftp.rename(name, "moved-" + name));
            assertDenied(() -> {
                try (OutputStream out = sftp.write("clerk-" + name)) {
                    out.write(content);
                }
            });
        }
    }

    @Test
    void aTeamsSharedFolderIsSeenByBothMembersAndByNoOneElse() throws Exception {
        byte[] content = ("ledger " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String name = "ledger-" + UUID.randomUUID() + ".csv";

        try (ClientSession s = login("ann@" + TENANT + ".localhost");
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            assertTrue(names(sftp, "/").contains("shared"), "the mount's parent shows in the home");
            assertEquals(List.of("finance"), names(sftp, "/shared"));
            try (OutputStream out = sftp.write("/shared/finance/" + name)) {
                out.write(content);
            }
            try (OutputStream out = sftp.write("/own-" + name)) {
                out.write(content);
            }
            assertDenied(() -> sftp.remove("/shared/finance/" + name)); // no-delete
            assertDenied(() -> sftp.rmdir("/shared/finance"));
            // a path that climbs out of the mount lands in ann's own home, never beside the shared folder
            assertEquals(List.of("own-" + name), names(sftp, "/shared/finance/../../").stream()
                    .filter(n -> n.startsWith("own-")).toList());
            assertThrows(SftpException.class, () -> sftp.stat("/shared/finance/../../../_shared/finance/" + name));
        }

        FTPSClient ben = ftps("ben@" + TENANT + ".localhost");
        try {
            assertTrue(ben.changeWorkingDirectory("/shared/finance"), ben.getReplyString());
            assertTrue(List.of(ben.listNames()).contains(name), "ben sees ann's upload in the shared folder");
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(ben.retrieveFile(name, back), ben.getReplyString());
            assertArrayEquals(content, back.toByteArray());
            assertFalse(ben.retrieveFile("/own-" + name, new ByteArrayOutputStream()), "ann's home stays hers");
            assertFalse(ben.deleteFile(name));
            assertEquals(550, ben.getReplyCode(), ben.getReplyString());
        } finally {
            ben.disconnect();
        }

        FTPSClient carol = ftps("carol@" + TENANT + ".localhost");
        try {
            assertFalse(carol.retrieveFile("/shared/finance/" + name, new ByteArrayOutputStream()),
                    "not in the group: nothing mounted");
            assertFalse(carol.changeWorkingDirectory("/_shared/finance"));
        } finally {
            carol.disconnect();
        }
    }

    @Test
    void anUploadThatCrossesTheQuotaFailsMidTransferOverFtpsAndSftpAndLeavesNothing() throws Exception {
        AdminApi admin = platform.admin();
        byte[] small = new byte[1000];
        byte[] tooBig = new byte[QUOTA + (1 << 19)];
        new java.util.Random(14).nextBytes(tooBig);
        String user = "quinn@" + TENANT + ".localhost";

        FTPSClient ftp = ftps(user);
        try {
            assertTrue(ftp.storeFile("small.bin", new ByteArrayInputStream(small)), ftp.getReplyString());
        } finally {
            ftp.disconnect();
        }
        assertFtpsUploadStoppedAtTheQuota(user, "big-ftps.bin", tooBig);

        try (ClientSession s = login(user); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            assertSftpUploadStoppedAtTheQuota(sftp, "big-sftp.bin", tooBig);
            assertEquals(List.of("small.bin"), names(sftp, "/"), "nothing of the refused upload stays");
        }

        String shown = admin.send("GET", "/v1/admin/tenants/" + TENANT + "/users/quinn", null);
        assertTrue(shown.contains("\"quotaBytes\":" + QUOTA) && shown.contains("\"usedBytes\":1000")
                && shown.contains("\"usedFiles\":1"), shown);
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.file.upload_failed", Map.of("path", "/big-ftps.bin", "user", "quinn",
                            "reason", "quota_exceeded")),
                    of("dev.wharf.file.upload_failed", Map.of("path", "/big-sftp.bin", "user", "quinn",
                            "reason", "quota_exceeded")));
        }
    }

    /**
     * A user's rate limits reach its FTPS and SFTP sessions through the grant, and their transfers are paced to them
     * (the events say the rate; the pacing itself is ThrottleTest's, on a clock of its own: no timing here).
     */
    @Test
    void aUsersBandwidthLimitsReachItsFtpsAndSftpTransfers() throws Exception {
        byte[] content = E2ePlatform.randomBytes(64 * 1024);
        String user = "rita@" + TENANT + ".localhost";
        FTPSClient ftp = ftps(user);
        try {
            assertTrue(ftp.storeFile("rate-ftps.bin", new ByteArrayInputStream(content)), ftp.getReplyString());
        } finally {
            ftp.disconnect();
        }
        try (ClientSession s = login(user); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            try (OutputStream out = sftp.write("rate-sftp.bin")) {
                out.write(content);
            }
            try (java.io.InputStream in = sftp.read("rate-ftps.bin")) {
                assertArrayEquals(content, in.readAllBytes());
            }
        }
        String shown = platform.admin().send("GET", "/v1/admin/tenants/" + TENANT + "/users/rita", null);
        assertTrue(shown.contains("\"uploadBytesPerSecond\":" + UPLOAD_RATE)
                && shown.contains("\"downloadBytesPerSecond\":" + DOWNLOAD_RATE), shown);
        String up = Integer.toString(UPLOAD_RATE);
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.file.uploaded", Map.of("path", "/rate-ftps.bin", "user", "rita", "protocol", "ftps",
                            "bytesPerSecondLimit", up)),
                    of("dev.wharf.file.uploaded", Map.of("path", "/rate-sftp.bin", "user", "rita", "protocol", "sftp",
                            "bytesPerSecondLimit", up)),
                    of("dev.wharf.file.downloaded", Map.of("path", "/rate-ftps.bin", "user", "rita",
                            "bytesPerSecondLimit", Integer.toString(DOWNLOAD_RATE))));
        }
    }

    /**
     * The site's quota and a shared folder's, crossed mid-upload over FTPS and SFTP by a user without a quota of its
     * own: refused with 552 / SSH_FX_FAILURE, nothing stored, the site's usage shown by the admin API.
     */
    @Test
    void theSitesQuotaAndASharedFoldersQuotaStopUploadsOverFtpsAndSftp() throws Exception {
        String tenant = "fq";
        AdminApi admin = platform.admin();
        admin.tenant(tenant, "{\"quotaBytes\":" + QUOTA + ",\"sharedFolderQuotas\":[\"docs 4096\"]}");
        admin.user(tenant, "una", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + tenant + "/users/una", "{\"sharedFolders\":[\"docs full /docs\"]}");
        String user = "una@" + tenant + ".localhost";
        byte[] tooBig = E2ePlatform.randomBytes(QUOTA + (1 << 19));

        assertFtpsUploadStoppedAtTheQuota(user, "big-ftps.bin", tooBig);
        try (ClientSession s = login(user); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            assertSftpUploadStoppedAtTheQuota(sftp, "docs/over.bin", E2ePlatform.randomBytes(5000));
            try (OutputStream out = sftp.write("docs/fits.bin")) {
                out.write(E2ePlatform.randomBytes(4000));
            }
            assertEquals(List.of("fits.bin"), names(sftp, "/docs"), "nothing of the refused upload stays");
        }
        String shown = admin.send("GET", "/v1/admin/tenants/" + tenant + "/settings", null);
        assertTrue(shown.contains("\"quotaBytes\":" + QUOTA) && shown.contains("\"usedBytes\":4000")
                && shown.contains("\"sharedFolderQuotas\":[\"docs 4096 -\"]"), shown);
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.file.upload_failed", Map.of("tenant", tenant, "path", "/big-ftps.bin",
                            "reason", "quota_exceeded")),
                    of("dev.wharf.file.upload_failed", Map.of("tenant", tenant, "path", "/docs/over.bin",
                            "reason", "quota_exceeded")));
        }

        // a move into the shared folder counts against its quota as an upload would: refused, the file stays home
        try (ClientSession s = login(user); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            try (OutputStream out = sftp.write("home.bin")) {
                out.write(E2ePlatform.randomBytes(1000));
            }
            SftpException e = assertThrows(SftpException.class, () -> sftp.rename("home.bin", "docs/home.bin"));
            assertEquals(SftpConstants.SSH_FX_FAILURE, e.getStatus(), e.getMessage());
            assertTrue(e.getMessage().contains("quota_exceeded"), e.getMessage());
        }
        FTPSClient ftp = ftps(user);
        try {
            assertFalse(ftp.rename("home.bin", "docs/home.bin"));
            assertEquals(552, ftp.getReplyCode(), ftp.getReplyString());
            assertEquals(List.of("fits.bin"), List.of(ftp.listNames("docs")).stream()
                    .map(n -> n.substring(n.lastIndexOf('/') + 1)).toList(), "nothing moved in");
            assertTrue(ftp.rename("home.bin", "kept.bin"), "a move outside the folder is not counted");
        } finally {
            ftp.disconnect();
        }
    }

    /**
     * The site's largest file applies to a user whose own limit is larger (the smaller wins): an upload over it is
     * refused with 552 / SSH_FX_FAILURE and leaves nothing; one of the site's largest size is stored.
     */
    @Test
    void theSitesLargestFileStopsLargerUploadsOverFtpsAndSftp() throws Exception {
        String tenant = "fm";
        int largest = 64 * 1024;
        AdminApi admin = platform.admin();
        admin.tenant(tenant, "{\"maxFileSize\":" + largest + "}");
        admin.user(tenant, "max", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + tenant + "/users/max", "{\"maxFileSize\":" + QUOTA + "}");
        String user = "max@" + tenant + ".localhost";
        byte[] tooBig = E2ePlatform.randomBytes(largest + (1 << 18));

        assertFtpsUploadStoppedAtTheQuota(user, "big-ftps.bin", tooBig);
        try (ClientSession s = login(user); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            assertSftpUploadStoppedAtTheQuota(sftp, "big-sftp.bin", tooBig);
            try (OutputStream out = sftp.write("fits.bin")) {
                out.write(E2ePlatform.randomBytes(largest));
            }
            assertEquals(List.of("fits.bin"), names(sftp, "/"), "nothing of the refused uploads stays");
        }
        String shown = admin.send("GET", "/v1/admin/tenants/" + tenant + "/settings", null);
        assertTrue(shown.contains("\"maxFileSize\":" + largest), shown);
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60),
                    of("dev.wharf.file.upload_failed", Map.of("tenant", tenant, "path", "/big-sftp.bin",
                            "reason", "quota_exceeded")));
        }
    }

    /** An SFTP upload of {@code content} to {@code path} fails with SSH_FX_FAILURE naming {@code quota_exceeded}. */
    private static void assertSftpUploadStoppedAtTheQuota(SftpClient sftp, String path, byte[] content) {
        SftpException e = assertThrows(SftpException.class, () -> {
            try (OutputStream out = sftp.write(path)) {
                out.write(content);
            }
        });
        assertEquals(SftpConstants.SSH_FX_FAILURE, e.getStatus(), e.getMessage());
        assertTrue(e.getMessage().contains("quota_exceeded"), e.getMessage());
    }

    /** An FTPS upload of {@code content} as {@code name} fails with 552 and leaves nothing. */
    private void assertFtpsUploadStoppedAtTheQuota(String user, String name, byte[] content) throws Exception {
        FTPSClient ftp = ftps(user);
        try {
            boolean stored;
            try {
                stored = ftp.storeFile(name, new ByteArrayInputStream(content));
            } catch (org.apache.commons.net.io.CopyStreamException cut) {
                // the gateway stops at the quota and closes the data connection: a client still writing learns it
                // mid-copy, and the 552 waits on the control connection
                stored = ftp.completePendingCommand();
            }
            assertFalse(stored);
            assertEquals(552, ftp.getReplyCode(), ftp.getReplyString());
            assertFalse(List.of(ftp.listNames()).contains(name), "nothing of the refused upload stays");
        } finally {
            ftp.disconnect();
        }
    }

    private static List<String> names(SftpClient sftp, String dir) throws java.io.IOException {
        return StreamSupport.stream(sftp.readDir(dir).spliterator(), false).map(SftpClient.DirEntry::getFilename)
                .filter(n -> !n.equals(".") && !n.equals("..")).toList();
    }

    private ClientSession login(String user) throws Exception {
        ClientSession s = client.connect(user, "127.0.0.1", platform.sftpPort()).verify(Duration.ofSeconds(20))
                .getSession();
        s.addPasswordIdentity(PASSWORD);
        s.auth().verify(Duration.ofSeconds(30));
        return s;
    }

    private interface SftpCall {
        void run() throws Exception;
    }

    private static void assertDenied(SftpCall call) {
        SftpException e = assertThrows(SftpException.class, call::run);
        assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, e.getStatus(), e.getMessage());
    }
}
