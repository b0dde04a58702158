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
 * clerks who read it ({@code read-only}, their group's rule), both homes the same folder, over FTPS and SFTP.
 */
class FolderRulesEndToEndIT {
    private static final String TENANT = "fr";
    private static final String PASSWORD = "Rules-" + UUID.randomUUID();
    private static final String PARTNER = "partner@" + TENANT + ".localhost";
    private static final String CLERK = "clerk@" + TENANT + ".localhost";
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
