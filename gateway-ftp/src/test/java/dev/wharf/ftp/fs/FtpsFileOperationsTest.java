package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.TestFtpsClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.wharf.ftp.support.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File commands over FTPS with protected (PROT P) passive data connections, checked against storage byte by byte. */
class FtpsFileOperationsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static GatewayFixture f;
    private TestFtpsClient c;
    private String dir;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void login() throws IOException {
        c = Clients.loggedIn(f, false, "alice");
        dir = "t-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(c.makeDirectory(dir), c.getReplyString());
        assertTrue(c.changeWorkingDirectory(dir), c.getReplyString());
    }

    @AfterEach
    void logout() {
        Clients.close(c);
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private byte[] stored(String name) {
        return f.storage.content(TENANT, "/alice/" + dir + "/" + name);
    }

    private byte[] download(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(c.retrieveFile(name, out), c.getReplyString());
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void uploadListDownloadOverProtectedPassiveData(boolean implicit) throws IOException {
        TestFtpsClient client = implicit ? Clients.loggedIn(f, true, "alice") : c;
        try {
            assertTrue(client.changeWorkingDirectory("/" + dir), client.getReplyString());
            byte[] content = random(300_000);
            assertTrue(client.storeFile("data.bin", new ByteArrayInputStream(content)), client.getReplyString());
            assertEquals(226, client.getReplyCode());
            assertArrayEquals(content, stored("data.bin"), "storage holds exactly the uploaded bytes");

            FTPFile[] listed = client.listFiles();
            assertEquals(1, listed.length, Arrays.toString(listed));
            assertEquals("data.bin", listed[0].getName());
            assertEquals(content.length, listed[0].getSize());
            assertTrue(listed[0].isFile());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(client.retrieveFile("data.bin", out), client.getReplyString());
            assertArrayEquals(content, out.toByteArray());
        } finally {
            if (implicit) {
                Clients.close(client);
            }
        }
    }

    @Test
    void dataConnectionsAreTls() throws IOException {
        c.storeFile("x.txt", new ByteArrayInputStream("hello".getBytes()));
        Socket data = c.openData("RETR", "x.txt");
        assertNotNull(data, c.getReplyString());
        try (data) {
            assertTrue(data instanceof SSLSocket, "PROT P data connection is TLS");
            assertEquals("hello", new String(data.getInputStream().readAllBytes()));
        }
        assertTrue(c.completePendingCommand(), c.getReplyString());
    }

    @Test
    void mlsdMlstSizeAndMdtmDescribeFiles() throws IOException {
        byte[] content = random(1234);
        assertTrue(c.storeFile("m.bin", new ByteArrayInputStream(content)));
        assertTrue(c.makeDirectory("sub"));
        FTPFile[] entries = c.mlistDir();
        assertEquals(List.of("m.bin", "sub"), Arrays.stream(entries).map(FTPFile::getName).sorted().toList());
        FTPFile file = c.mlistFile("m.bin");
        assertNotNull(file, c.getReplyString());
        assertEquals(1234, file.getSize());
        assertTrue(file.isFile());
        assertEquals("1234", c.getSize("m.bin"));
        assertNotNull(c.getModificationTime("m.bin"), c.getReplyString());
        assertEquals(213, c.getReplyCode());
        assertArrayEquals(new String[]{"m.bin", "sub"}, Arrays.stream(c.listNames()).sorted().toArray());
        assertEquals(550, c.sendCommand("SIZE", "sub"), "a folder has no SIZE: " + c.getReplyString());
        assertEquals(550, c.sendCommand("SIZE", "nothing.bin"), c.getReplyString());
        assertTrue(c.getReplyString().contains(dev.wharf.core.Reason.NOT_FOUND.userMessage()), c.getReplyString());
    }

    @Test
    void sizeAndMdtmSayTryLaterWhileStorageIsAway() throws IOException {
        assertTrue(c.storeFile("later.bin", new ByteArrayInputStream(random(10))));
        f.storage.away(true);
        try {
            // a 550 here makes curl give up a download as "file does not exist"
            assertEquals(451, c.sendCommand("SIZE", "later.bin"), c.getReplyString());
            assertTrue(c.getReplyString().contains(dev.wharf.core.Reason.SERVICE_UNAVAILABLE.userMessage()),
                    c.getReplyString());
            assertEquals(451, c.sendCommand("MDTM", "later.bin"), c.getReplyString());
            assertFalse(c.retrieveFile("later.bin", new java.io.ByteArrayOutputStream()));
            assertEquals(451, c.getReplyCode(), "RETR too: " + c.getReplyString());
            f.audit.await(e -> e.type() == dev.wharf.core.audit.AuditType.DOWNLOAD_FAILED
                    && "service_unavailable".equals(e.reason()), java.time.Duration.ofSeconds(10));
        } finally {
            f.storage.away(false);
        }
        assertEquals(213, c.sendCommand("SIZE", "later.bin"), c.getReplyString());
        assertTrue(c.getReplyString().startsWith("213 10"), c.getReplyString());
        assertEquals(213, c.sendCommand("MDTM", "later.bin"), c.getReplyString());
        assertTrue(c.getReplyString().matches("(?s)213 \\d{14}\\.\\d{3}\\s*"), c.getReplyString());
    }

    @Test
    void storageLostMidUploadIsReplied451AfterTheClientSentEverythingAndAudited() throws IOException {
        f.storage.failWritesAfter(1024 * 1024);
        try {
            // the client writes all 8 MiB before it reads the reply: the gateway reads them to the end instead of
            // closing the data connection under the client's writes (which curl answers by not reading the reply)
            assertFalse(c.storeFile("lost.bin", new ByteArrayInputStream(random(8 * 1024 * 1024))));
            assertEquals(451, c.getReplyCode(), c.getReplyString());
            assertTrue(c.getReplyString().contains(Reason.SERVICE_UNAVAILABLE.userMessage()), c.getReplyString());
        } finally {
            f.storage.failWritesAfter(Long.MAX_VALUE);
        }
        assertFalse(f.storage.exists(TENANT, "/alice/" + dir + "/lost.bin"), "nothing was stored");
        AuditEvent failed = f.audit.await(e -> e.type() == AuditType.UPLOAD_FAILED
                && ("/" + dir + "/lost.bin").equals(e.data().get("path")), WAIT);
        assertEquals(Reason.SERVICE_UNAVAILABLE.code(), failed.reason(), "the same reason as the reply");
        assertTrue(c.storeFile("after-lost.bin", new ByteArrayInputStream(new byte[]{7})), c.getReplyString());
    }

    @Test
    void renameDeleteMkdirRmdir() throws IOException {
        byte[] content = random(4096);
        assertTrue(c.storeFile("a.bin", new ByteArrayInputStream(content)));
        assertTrue(c.makeDirectory("folder"), c.getReplyString());
        assertEquals(257, c.getReplyCode());
        assertTrue(c.getReplyString().contains("\"/" + dir + "/folder\""), c.getReplyString());

        assertTrue(c.rename("a.bin", "folder/b.bin"), c.getReplyString());
        assertNull(stored("a.bin"));
        assertArrayEquals(content, stored("folder/b.bin"));
        assertArrayEquals(content, download("folder/b.bin"));

        assertFalse(c.removeDirectory("folder"), "a folder with a file is not removed");
        assertEquals(550, c.getReplyCode());
        assertTrue(c.getReplyString().contains(Reason.DIRECTORY_NOT_EMPTY.userMessage()), c.getReplyString());

        assertTrue(c.deleteFile("folder/b.bin"), c.getReplyString());
        assertNull(stored("folder/b.bin"));
        assertTrue(c.removeDirectory("folder"), c.getReplyString());
        assertFalse(f.storage.exists(TENANT, "/alice/" + dir + "/folder"));

        AuditEvent renamed = f.audit.await(e -> e.type() == AuditType.RENAME
                && ("/" + dir + "/folder/b.bin").equals(e.data().get("to")), WAIT);
        assertEquals("/" + dir + "/a.bin", renamed.data().get("from"));
        f.audit.await(e -> e.type() == AuditType.FOLDER_REMOVED && ("/" + dir + "/folder").equals(e.data().get("path")),
                WAIT);
    }

    @Test
    void refusalsCarryTheirReason() throws IOException {
        assertFalse(c.deleteFile("missing.txt"));
        assertEquals(550, c.getReplyCode());
        assertTrue(c.getReplyString().contains(Reason.NOT_FOUND.userMessage()), c.getReplyString());

        assertTrue(c.makeDirectory("twice"));
        assertFalse(c.makeDirectory("twice"));
        assertTrue(c.getReplyString().contains(Reason.ALREADY_EXISTS.userMessage()), c.getReplyString());

        assertFalse(c.deleteFile("twice"), "DELE of a folder");
        assertTrue(c.getReplyString().contains(Reason.IS_A_DIRECTORY.userMessage()), c.getReplyString());

        assertFalse(c.rename("missing.txt", "other.txt"));
        assertEquals(550, c.getReplyCode(), "RNFR of a missing file");
    }

    @Test
    void navigationStaysInsideTheHomeFolder() throws IOException {
        assertEquals("/" + dir, c.printWorkingDirectory());
        assertTrue(c.changeToParentDirectory());
        assertEquals("/", c.printWorkingDirectory());
        assertTrue(c.changeWorkingDirectory("../../.."), c.getReplyString());
        assertEquals("/", c.printWorkingDirectory(), ".. at the home folder stays there");
        assertFalse(c.changeWorkingDirectory("/no-such-folder"));
        assertEquals(550, c.getReplyCode());

        f.storage.put(TENANT, "/bob/secret.txt", "bob's".getBytes());
        assertTrue(c.storeFile("../../bob/secret.txt", new ByteArrayInputStream("alice's".getBytes())),
                c.getReplyString());
        assertArrayEquals("bob's".getBytes(), f.storage.content(TENANT, "/bob/secret.txt"), "bob's file untouched");
        assertArrayEquals("alice's".getBytes(), f.storage.content(TENANT, "/alice/bob/secret.txt"),
                "the path was confined to alice's home");
        assertFalse(c.storeFile("bad\\name.txt", new ByteArrayInputStream(new byte[1])));
        assertEquals(553, c.getReplyCode(), c.getReplyString());
    }

    @Test
    void restResumesADownload() throws IOException {
        byte[] content = random(100_000);
        assertTrue(c.storeFile("r.bin", new ByteArrayInputStream(content)));
        c.setRestartOffset(60_000);
        byte[] tail = download("r.bin");
        assertArrayEquals(Arrays.copyOfRange(content, 60_000, content.length), tail);
        f.audit.await(e -> e.type() == AuditType.DOWNLOAD && Long.valueOf(60_000).equals(e.data().get("offset"))
                && Long.valueOf(40_000).equals(e.data().get("bytes")), WAIT);
    }

    @Test
    void restResumesAnUploadAndAppeAppends() throws IOException {
        byte[] content = random(50_000);
        assertTrue(c.storeFile("u.bin", new ByteArrayInputStream(Arrays.copyOf(content, 20_000))));
        c.setRestartOffset(20_000);
        assertTrue(c.storeFile("u.bin", new ByteArrayInputStream(Arrays.copyOfRange(content, 20_000, 40_000))),
                c.getReplyString());
        assertArrayEquals(Arrays.copyOf(content, 40_000), stored("u.bin"));
        assertTrue(c.appendFile("u.bin", new ByteArrayInputStream(Arrays.copyOfRange(content, 40_000, 50_000))),
                c.getReplyString());
        assertArrayEquals(content, stored("u.bin"));
        assertArrayEquals(content, download("u.bin"));

        c.setRestartOffset(999_999);
        assertFalse(c.storeFile("u.bin", new ByteArrayInputStream(new byte[10])), "offset beyond the end");
        assertEquals(554, c.getReplyCode(), c.getReplyString());
        assertArrayEquals(content, stored("u.bin"), "a refused resume leaves the file as it was");
    }

    /** Opens a protected passive data connection by hand and starts {@code STOR name} on it. */
    private Socket[] startRawUpload(String name) throws Exception {
        // by hand so that it can be cut below TLS, as a network failure or a killed client would;
        // SSLSocket.close() would end the stream cleanly instead
        assertEquals(229, c.sendCommand("EPSV"), c.getReplyString());
        Matcher m = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)").matcher(c.getReplyString());
        assertTrue(m.find(), c.getReplyString());
        int port = Integer.parseInt(m.group(1));
        assertEquals(150, c.sendCommand("STOR", name), c.getReplyString());
        Socket raw = new Socket("127.0.0.1", port);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{f.tls.trustManager()}, null);
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "127.0.0.1", port, false);
        tls.startHandshake();
        tls.getOutputStream().write(random(200_000));
        tls.getOutputStream().flush();
        return new Socket[]{raw, tls};
    }

    private void assertUploadLeftNothing(String name) throws IOException {
        int reply = c.getReply();
        assertTrue(reply == 426 || reply == 451, "cut transfer must fail: " + c.getReplyString());
        assertFalse(f.storage.exists(TENANT, "/alice/" + dir + "/" + name), "nothing was stored");
        AuditEvent failed = f.audit.await(e -> e.type() == AuditType.UPLOAD_FAILED
                && ("/" + dir + "/" + name).equals(e.data().get("path")), WAIT);
        assertEquals(Reason.UPLOAD_ABORTED.code(), failed.reason());
        assertTrue(f.audit.of(AuditType.UPLOAD).stream()
                .noneMatch(e -> ("/" + dir + "/" + name).equals(e.data().get("path"))), "no upload event");
        assertTrue(c.sendNoOp(), "the session goes on after a failed transfer");
        assertTrue(c.storeFile("after.bin", new ByteArrayInputStream(new byte[]{1, 2, 3})), c.getReplyString());
        assertArrayEquals(new byte[]{1, 2, 3}, stored("after.bin"));
    }

    @Test
    void aResetUploadLeavesNothing() throws Exception {
        Socket raw = startRawUpload("reset.bin")[0];
        raw.setSoLinger(true, 0);
        raw.close();
        assertUploadLeftNothing("reset.bin");
    }

    @Test
    void anUploadEndedWithoutTlsCloseNotifyLeavesNothing() throws Exception {
        // a killed client: the kernel ends the TCP stream (FIN) but no TLS close_notify was sent
        Socket raw = startRawUpload("killed.bin")[0];
        raw.shutdownOutput();
        try {
            assertUploadLeftNothing("killed.bin");
        } finally {
            raw.close();
        }
    }

    @Test
    void anUploadToAFolderIsRefusedWithItsReason() throws IOException {
        assertTrue(c.makeDirectory("f"));
        assertFalse(c.storeFile("f", new ByteArrayInputStream(new byte[10])));
        assertEquals(550, c.getReplyCode());
        assertTrue(c.getReplyString().contains(Reason.IS_A_DIRECTORY.userMessage()), c.getReplyString());
        f.audit.await(e -> e.type() == AuditType.UPLOAD_FAILED && ("/" + dir + "/f").equals(e.data().get("path")),
                WAIT);
    }

    @Test
    void clearDataConnectionsAreRefusedInATlsSession() throws IOException {
        c.execPROT("C");
        assertFalse(c.storeFile("clear.bin", new ByteArrayInputStream(new byte[10])));
        assertEquals(521, c.getReplyCode(), c.getReplyString());
        assertEquals(0, c.listFiles().length, "LIST is refused too");
        assertEquals(521, c.getReplyCode(), c.getReplyString());
        assertFalse(f.storage.exists(TENANT, "/alice/" + dir + "/clear.bin"));
        c.execPROT("P");
        assertTrue(c.storeFile("clear.bin", new ByteArrayInputStream(new byte[10])), c.getReplyString());
    }

    @Test
    void md5AndStouAreNotOffered() throws IOException {
        assertEquals(502, c.sendCommand("MD5", "x"));
        assertEquals(502, c.sendCommand("STOU"));
        c.feat();
        String features = c.getReplyString();
        assertTrue(features.contains("AUTH TLS") && features.contains("REST STREAM"), features);
        assertFalse(features.contains("MD5"), features);
    }

    @Test
    void emptyHomeFolderListsEmpty() throws IOException {
        TestFtpsClient bob = Clients.loggedIn(f, true, "bob");
        try {
            // bob's home does not exist in storage yet (unless another test created it): listing it works
            assertTrue(bob.changeWorkingDirectory("/"));
            assertNotNull(bob.listFiles(), bob.getReplyString());
            assertEquals(226, bob.getReplyCode(), bob.getReplyString());
        } finally {
            Clients.close(bob);
        }
    }
}
