package dev.wharf.sftp.server;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import dev.wharf.sftp.testing.Poll;
import dev.wharf.sftp.testing.TestConfig;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static dev.wharf.sftp.testing.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway end to end with the MINA SSHD SFTP client, over in-memory identity, policy, storage and audit. */
class SftpGatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path keys;
    static GatewayFixture fx;
    static MinaClient mina;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(new TestConfig(keys.toString()).withAlternatePort());
        mina = new MinaClient();
    }

    @AfterAll
    static void stop() {
        mina.close();
        fx.close();
    }

    private static SftpClient alice() throws IOException {
        return mina.sftp(fx.port(), "alice", PASSWORD);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] readAll(SftpClient sftp, String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    private static int status(IOException e) {
        SftpException s = assertInstanceOf(e);
        return s.getStatus();
    }

    private static SftpException assertInstanceOf(IOException e) {
        assertTrue(e instanceof SftpException, () -> "expected an SFTP status, got " + e);
        return (SftpException) e;
    }

    @Test
    void passwordLoginSucceedsAndTheHomeFolderIsTheRoot() throws IOException {
        try (SftpClient sftp = alice()) {
            assertEquals("/", sftp.canonicalPath("."));
            assertEquals("/", sftp.canonicalPath("/../.."));
        }
        AuditEvent ok = fx.audit.await(AuditType.LOGIN_SUCCEEDED, e -> "alice".equals(e.user()), WAIT).orElseThrow();
        assertEquals(TENANT, ok.tenant());
        assertEquals("sftp", ok.protocol());
        assertEquals("127.0.0.1", ok.clientAddress());
        assertTrue(fx.audit.await(AuditType.SESSION_OPENED, e -> e.sessionId().equals(ok.sessionId()), WAIT).isPresent());
        assertTrue(fx.audit.await(AuditType.SESSION_CLOSED, e -> e.sessionId().equals(ok.sessionId()), WAIT).isPresent(),
                "session closed event after the client disconnects");
        assertTrue(fx.meters.get("wharf.sftp.logins").tag("reason", "ok").counter().count() >= 1);
    }

    @Test
    void theAlternatePortServesTheSameLogins() throws IOException {
        int alternate = fx.gateway.alternatePort();
        assertTrue(alternate > 0 && alternate != fx.port(), "alternate port " + alternate + " beside " + fx.port());
        try (SftpClient sftp = mina.sftp(alternate, "alice", PASSWORD)) {
            sftp.write("/via-alternate").close();
        }
        try (SftpClient sftp = alice()) {
            assertEquals(0, sftp.stat("/via-alternate").getSize());
            sftp.remove("/via-alternate");
        }
    }

    @Test
    void aNewUserFindsAnEmptyHomeBeforeStoringAnything() throws IOException {
        fx.identity.addUser(TENANT, "newbie", PASSWORD, "/newbie");
        try (SftpClient sftp = mina.sftp(fx.port(), "newbie", PASSWORD)) {
            assertTrue(sftp.stat(".").isDirectory());
            List<String> names = new ArrayList<>();
            sftp.readDir(".").forEach(e -> names.add(e.getFilename()));
            names.removeAll(List.of(".", ".."));
            assertEquals(List.of(), names);
        }
    }

    @Test
    void hostQualifiedUserNameSelectsTheTenant() throws IOException {
        try (SftpClient sftp = mina.sftp(fx.port(), "bob@demo.files.example.test", PASSWORD)) {
            assertEquals("/", sftp.canonicalPath("."));
        }
        assertTrue(fx.audit.await(AuditType.LOGIN_SUCCEEDED, e -> "bob".equals(e.user()), WAIT).isPresent());
    }

    @Test
    void wrongPasswordIsRefusedAuditedAndReportedToPolicy() {
        assertThrows(SshException.class, () -> mina.login(fx.port(), "alice", "wrong"));
        AuditEvent failed = fx.audit.await(AuditType.LOGIN_FAILED,
                e -> "alice".equals(e.user()) && Reason.BAD_CREDENTIALS.code().equals(e.reason()), WAIT).orElseThrow();
        assertEquals(TENANT, failed.tenant());
        assertTrue(fx.policy.reportedFailures().contains("demo/alice@127.0.0.1/sftp"));
        assertTrue(fx.meters.get("wharf.sftp.logins").tag("reason", "bad_credentials").counter().count() >= 1);
    }

    @Test
    void passwordChangeRequiredIsExplainedInABanner() {
        fx.identity.refuseAfterPassword(TENANT, "carol", PASSWORD, Reason.PASSWORD_CHANGE_REQUIRED);
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.login(fx.port(), "carol", PASSWORD));
            assertTrue(own.banners.stream().anyMatch(b -> b.contains("password_change_required")
                            && b.contains(Reason.PASSWORD_CHANGE_REQUIRED.userMessage())),
                    () -> "banners: " + own.banners);
        }
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED,
                e -> "carol".equals(e.user()) && "password_change_required".equals(e.reason()), WAIT).isPresent());
    }

    @Test
    void theBannerNamesThePortalIdentityGave() {
        String portal = "https://id.files.example.test/realms/demo/account";
        fx.identity.refuseAfterPassword(TENANT, "paula", PASSWORD, Reason.PASSWORD_CHANGE_REQUIRED, portal);
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.login(fx.port(), "paula", PASSWORD));
            assertTrue(own.banners.stream().anyMatch(b -> b.contains("Web portal: " + portal)
                    && b.contains("password_change_required")), () -> "banners: " + own.banners);
        }
    }

    @Test
    void protocolNotAllowedIsExplainedAndAuditedAsPolicyDenial() {
        fx.identity.addUser(TENANT, "dave", PASSWORD, "/dave");
        fx.policy.refuseLogin("dave", Reason.PROTOCOL_NOT_ALLOWED);
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.login(fx.port(), "dave", PASSWORD));
            assertTrue(own.banners.stream().anyMatch(b -> b.contains("protocol_not_allowed")), () -> "" + own.banners);
        }
        assertTrue(fx.audit.await(AuditType.POLICY_DENIED,
                e -> "dave".equals(e.user()) && "protocol_not_allowed".equals(e.reason()), WAIT).isPresent());
    }

    @Test
    void wrongPasswordOfANameWithItsSiteGetsNoBanner() {
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.login(fx.port(), "bob@demo.files.example.test", "nope"));
            assertTrue(own.banners.isEmpty(), () -> "no banner for a plain wrong password: " + own.banners);
        }
    }

    @Test
    void aNameWithoutItsSiteIsToldHowToNameItOnceWhetherTheUserExistsOrNot() throws IOException {
        List<List<String>> seen = new ArrayList<>();
        for (String user : List.of("bob", "nobody-at-all")) {
            try (MinaClient own = new MinaClient()) {
                assertThrows(SshException.class,
                        () -> own.authenticateWithPasswords(fx.port(), user, List.of("nope", "nope again")));
                seen.add(List.copyOf(own.banners));
            }
        }
        assertEquals(seen.get(0), seen.get(1), "the same text for a user who exists and one who does not");
        assertEquals(1, seen.get(0).size(), () -> "once per connection: " + seen);
        assertTrue(seen.get(0).get(0).contains("<user>@<your site's host name>")
                && seen.get(0).get(0).contains("(reason: bad_credentials)"), () -> "" + seen);
    }

    @Test
    void putAndGetAreByteExact() throws IOException {
        byte[] data = random(3 * 1024 * 1024 + 17, 1);
        try (SftpClient sftp = alice()) {
            try (OutputStream out = sftp.write("/big.bin")) {
                out.write(data);
            }
            assertArrayEquals(data, fx.storage.content(TENANT, "/alice/big.bin"));
            assertArrayEquals(data, readAll(sftp, "big.bin"));
            assertEquals(data.length, sftp.stat("/big.bin").getSize());
        }
        AuditEvent up = fx.audit.await(AuditType.UPLOAD, e -> "/big.bin".equals(e.data().get("path")), WAIT)
                .orElseThrow();
        assertEquals((long) data.length, up.data().get("bytes"));
        assertNotNull(up.data().get("sha256"));
        assertTrue(fx.audit.await(AuditType.DOWNLOAD, e -> "/big.bin".equals(e.data().get("path"))
                && Long.valueOf(data.length).equals(e.data().get("bytes")), WAIT).isPresent());
    }

    @Test
    void listingShowsNamesSizesTypesAndTimes() throws IOException {
        fx.storage.file(TENANT, "/alice/ls/a.txt", "hello".getBytes());
        fx.storage.folder(TENANT, "/alice/ls/sub");
        try (SftpClient sftp = alice()) {
            List<SftpClient.DirEntry> entries = new ArrayList<>();
            sftp.readDir("/ls").forEach(entries::add);
            SftpClient.DirEntry a = entries.stream().filter(e -> e.getFilename().equals("a.txt")).findFirst().orElseThrow();
            SftpClient.DirEntry sub = entries.stream().filter(e -> e.getFilename().equals("sub")).findFirst().orElseThrow();
            assertEquals(5, a.getAttributes().getSize());
            assertTrue(a.getAttributes().isRegularFile());
            assertTrue(sub.getAttributes().isDirectory());
            assertNotNull(a.getAttributes().getModifyTime());
            assertTrue(sftp.stat("/ls/sub").isDirectory());
            assertTrue(sftp.lstat("/ls/a.txt").isRegularFile());
        }
    }

    @Test
    void mkdirAndRmdir() throws IOException {
        try (SftpClient sftp = alice()) {
            sftp.mkdir("/made");
            assertTrue(fx.storage.exists(TENANT, "/alice/made"));
            IOException again = assertThrows(IOException.class, () -> sftp.mkdir("/made"));
            assertEquals(SftpConstants.SSH_FX_FILE_ALREADY_EXISTS, status(again));
            try (OutputStream out = sftp.write("/made/f")) {
                out.write(1);
            }
            IOException notEmpty = assertThrows(IOException.class, () -> sftp.rmdir("/made"));
            assertEquals(SftpConstants.SSH_FX_DIR_NOT_EMPTY, status(notEmpty));
            assertTrue(notEmpty.getMessage().contains("directory_not_empty"), notEmpty.getMessage());
            sftp.remove("/made/f");
            sftp.rmdir("/made");
            assertFalse(fx.storage.exists(TENANT, "/alice/made"));
            IOException missing = assertThrows(IOException.class, () -> sftp.rmdir("/made"));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, status(missing));
        }
        assertTrue(fx.audit.await(AuditType.FOLDER_CREATED, e -> "/made".equals(e.data().get("path")), WAIT).isPresent());
        assertTrue(fx.audit.await(AuditType.FOLDER_REMOVED, e -> "/made".equals(e.data().get("path")), WAIT).isPresent());
    }

    @Test
    void renameRefusesToReplaceButPosixRenameReplaces() throws IOException {
        fx.storage.file(TENANT, "/alice/r1", "one".getBytes());
        fx.storage.file(TENANT, "/alice/r2", "two".getBytes());
        try (SftpClient sftp = alice()) {
            IOException exists = assertThrows(IOException.class, () -> sftp.rename("/r1", "/r2"));
            assertEquals(SftpConstants.SSH_FX_FILE_ALREADY_EXISTS, status(exists));
            sftp.rename("/r1", "/r3");
            assertArrayEquals("one".getBytes(), fx.storage.content(TENANT, "/alice/r3"));
            assertFalse(fx.storage.exists(TENANT, "/alice/r1"));
            sftp.rename("/r3", "/r2", SftpClient.CopyMode.Overwrite);
            assertArrayEquals("one".getBytes(), fx.storage.content(TENANT, "/alice/r2"));
        }
        assertTrue(fx.audit.await(AuditType.RENAME, e -> "/r3".equals(e.data().get("to")), WAIT).isPresent());
    }

    @Test
    void removeFile() throws IOException {
        fx.storage.file(TENANT, "/alice/gone", "x".getBytes());
        try (SftpClient sftp = alice()) {
            sftp.remove("/gone");
            assertFalse(fx.storage.exists(TENANT, "/alice/gone"));
            IOException missing = assertThrows(IOException.class, () -> sftp.remove("/gone"));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, status(missing));
            assertTrue(missing.getMessage().startsWith("not_found"), missing.getMessage());
        }
        assertTrue(fx.audit.await(AuditType.DELETE, e -> "/gone".equals(e.data().get("path")), WAIT).isPresent());
    }

    @Test
    void interruptedUploadResumesAtTheRemoteSize() throws IOException {
        byte[] data = random(1024 * 1024, 2);
        int half = 400_000;
        fx.storage.file(TENANT, "/alice/resume.bin", java.util.Arrays.copyOf(data, half));
        try (SftpClient sftp = alice()) {
            long remote = sftp.stat("/resume.bin").getSize();
            assertEquals(half, remote);
            // resume as most clients do: no truncation, first write at the remote size
            try (SftpClient.CloseableHandle h = sftp.open("/resume.bin", SftpClient.OpenMode.Write)) {
                for (int off = half; off < data.length; off += 32 * 1024) {
                    int len = Math.min(32 * 1024, data.length - off);
                    sftp.write(h, off, data, off, len);
                }
            }
            assertArrayEquals(data, fx.storage.content(TENANT, "/alice/resume.bin"));
            // and as OpenSSH reput does: append mode
            byte[] more = random(50_000, 3);
            try (SftpClient.CloseableHandle h = sftp.open("/resume.bin", SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Append)) {
                sftp.write(h, data.length, more);
            }
            byte[] stored = fx.storage.content(TENANT, "/alice/resume.bin");
            assertEquals(data.length + more.length, stored.length);
            assertArrayEquals(more, java.util.Arrays.copyOfRange(stored, data.length, stored.length));
        }
    }

    @Test
    void outOfOrderWriteIsRefusedAndNothingIsCommitted() throws IOException {
        try (SftpClient sftp = alice()) {
            SftpClient.CloseableHandle h = sftp.open("/holes.bin", EnumSet.of(SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate));
            sftp.write(h, 0, new byte[1000]);
            IOException gap = assertThrows(IOException.class, () -> sftp.write(h, 5000, new byte[10]));
            assertEquals(SftpConstants.SSH_FX_INVALID_PARAMETER, status(gap));
            assertTrue(gap.getMessage().startsWith("invalid_offset"), gap.getMessage());
            h.close();
            assertFalse(fx.storage.exists(TENANT, "/alice/holes.bin"), "a refused upload stores nothing");
        }
    }

    @Test
    void downloadResumesAtAnOffset() throws IOException {
        byte[] data = random(700_000, 4);
        fx.storage.file(TENANT, "/alice/reget.bin", data);
        try (SftpClient sftp = alice();
             SftpClient.CloseableHandle h = sftp.open("/reget.bin", SftpClient.OpenMode.Read)) {
            byte[] buf = new byte[32 * 1024];
            int off = 300_000;
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                int n = sftp.read(h, off, buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
                off += n;
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 300_000, data.length), got.toByteArray());
            // a seek back reopens the stream at the new offset
            int n = sftp.read(h, 10, buf, 0, 100);
            assertEquals(100, n);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 10, 110), java.util.Arrays.copyOf(buf, 100));
        }
    }

    @Test
    void setstatStoresTheModificationTimeAndIgnoresPermissions() throws IOException {
        fx.storage.file(TENANT, "/alice/when.txt", "t".getBytes());
        Instant when = Instant.parse("2021-03-04T05:06:07Z");
        try (SftpClient sftp = alice()) {
            SftpClient.Attributes a = new SftpClient.Attributes();
            a.modifyTime(FileTime.from(when));
            a.accessTime(FileTime.from(when));
            sftp.setStat("/when.txt", a);
            assertEquals(when, sftp.stat("/when.txt").getModifyTime().toInstant());
            sftp.setStat("/when.txt", new SftpClient.Attributes().perms(0600));
            assertEquals(when, fx.storage.stat(dev.wharf.core.grant.SessionGrant.unsigned(TENANT), "/alice/when.txt").modified());
            IOException size = assertThrows(IOException.class,
                    () -> sftp.setStat("/when.txt", new SftpClient.Attributes().size(0)));
            assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, status(size));
            assertArrayEquals("t".getBytes(), fx.storage.content(TENANT, "/alice/when.txt"));
        }
    }

    @Test
    void modificationTimeSetWhileUploadingIsAppliedAfterTheCommit() throws IOException {
        Instant when = Instant.parse("2020-01-02T03:04:05Z");
        try (SftpClient sftp = alice()) {
            try (SftpClient.CloseableHandle h = sftp.open("/preserved.txt", SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate)) {
                sftp.write(h, 0, "kept".getBytes());
                sftp.setStat(h, new SftpClient.Attributes().modifyTime(FileTime.from(when))
                        .accessTime(FileTime.from(when)));
            }
            assertEquals(when, fx.storage.stat(dev.wharf.core.grant.SessionGrant.unsigned(TENANT), "/alice/preserved.txt").modified());
        }
    }

    @Test
    void linksAreRefusedCleanlyAndTheSessionGoesOn() throws IOException {
        fx.storage.file(TENANT, "/alice/target", "t".getBytes());
        try (SftpClient sftp = alice()) {
            IOException sym = assertThrows(IOException.class, () -> sftp.symLink("/link", "/target"));
            assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, status(sym));
            assertTrue(sym.getMessage().startsWith("unsupported_operation"), sym.getMessage());
            IOException hard = assertThrows(IOException.class, () -> sftp.link("/target", "/hard", false));
            assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, status(hard));
            IOException read = assertThrows(IOException.class, () -> sftp.readLink("/target"));
            assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, status(read));
            assertTrue(sftp.stat("/target").isRegularFile(), "the session still works");
        }
        assertFalse(fx.storage.exists(TENANT, "/alice/link"));
    }

    @Test
    void pathsNeverLeaveTheHomeFolder() throws IOException {
        fx.storage.file(TENANT, "/bob/secret.txt", "bob's".getBytes());
        try (SftpClient sftp = alice()) {
            try (OutputStream out = sftp.write("../../escape.txt")) {
                out.write('x');
            }
            sftp.mkdir("/../bob");
            try (OutputStream out = sftp.write("/../bob/secret.txt")) {
                out.write('y');
            }
            IOException abs = assertThrows(IOException.class, () -> sftp.stat("/etc/passwd"));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, status(abs));
            IOException backslash = assertThrows(IOException.class, () -> sftp.stat("..\\bob\\secret.txt"));
            assertEquals(SftpConstants.SSH_FX_INVALID_FILENAME, status(backslash));
            IOException nul = assertThrows(IOException.class, () -> sftp.stat("a\u0000b"));
            assertEquals(SftpConstants.SSH_FX_INVALID_FILENAME, status(nul));
            List<String> above = new ArrayList<>();
            sftp.readDir("/..").forEach(e -> above.add(e.getFilename()));
            List<String> home = new ArrayList<>();
            sftp.readDir("/").forEach(e -> home.add(e.getFilename()));
            assertEquals(home, above, "/.. is the home folder itself");
            assertFalse(above.contains("alice"), "the tenant root is never listed: " + above);
        }
        assertArrayEquals("x".getBytes(), fx.storage.content(TENANT, "/alice/escape.txt"));
        assertArrayEquals("y".getBytes(), fx.storage.content(TENANT, "/alice/bob/secret.txt"));
        assertArrayEquals("bob's".getBytes(), fx.storage.content(TENANT, "/bob/secret.txt"), "bob's file untouched");
        assertFalse(fx.storage.exists(TENANT, "/escape.txt"));
    }

    @Test
    void uploadNeverClosedIsDiscardedWhenTheSessionEnds() throws IOException {
        ClientSession session = mina.login(fx.port(), "alice", PASSWORD);
        SftpClient sftp = org.apache.sshd.sftp.client.SftpClientFactory.instance().createSftpClient(session);
        SftpClient.CloseableHandle h = sftp.open("/cut.bin", SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Truncate);
        sftp.write(h, 0, random(100_000, 5));
        session.close(true); // connection cut: no CLOSE for the handle
        assertTrue(fx.audit.await(AuditType.UPLOAD_FAILED, e -> "/cut.bin".equals(e.data().get("path")), WAIT)
                .isPresent(), "the aborted upload is audited");
        assertFalse(fx.storage.exists(TENANT, "/alice/cut.bin"), "an aborted upload leaves nothing behind");
    }

    @Test
    void emptyFileIsCreated() throws IOException {
        try (SftpClient sftp = alice()) {
            sftp.open("/empty", SftpClient.OpenMode.Write, SftpClient.OpenMode.Create).close();
            assertArrayEquals(new byte[0], fx.storage.content(TENANT, "/alice/empty"));
            IOException excl = assertThrows(IOException.class, () -> sftp.open("/empty", SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create, SftpClient.OpenMode.Exclusive));
            assertEquals(SftpConstants.SSH_FX_FILE_ALREADY_EXISTS, status(excl));
            IOException noFolder = assertThrows(IOException.class, () -> sftp.open("/nowhere/f",
                    SftpClient.OpenMode.Write, SftpClient.OpenMode.Create));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, status(noFolder));
            IOException dir = assertThrows(IOException.class, () -> sftp.open("/", SftpClient.OpenMode.Read));
            assertEquals(SftpConstants.SSH_FX_FILE_IS_A_DIRECTORY, status(dir));
        }
    }

    @Test
    void shellAndExecAreNotOffered() throws IOException {
        try (ClientSession session = mina.login(fx.port(), "alice", PASSWORD);
             ChannelExec exec = session.createExecChannel("id")) {
            org.apache.sshd.core.CoreModuleProperties.REQUEST_EXEC_REPLY.set(exec, true);
            boolean refused;
            try {
                exec.open().verify(MinaClient.TIMEOUT);
                refused = Poll.isTrue(WAIT, () -> exec.isClosing() || exec.isClosed() || exec.getExitStatus() != null);
                assertNull(exec.getExitStatus(), "no command ran");
            } catch (IOException e) {
                refused = true;
            }
            assertTrue(refused, "exec must be refused");
        }
    }

    @Test
    void bannedAddressIsDisconnectedWithTheReason() {
        fx.policy.refuseConnections(Reason.ADDRESS_BANNED);
        try (MinaClient own = new MinaClient()) {
            Exception e = assertThrows(Exception.class, () -> own.login(fx.port(), "alice", PASSWORD));
            assertNotNull(e);
        } finally {
            fx.policy.refuseConnections(null);
        }
        assertTrue(fx.audit.await(AuditType.POLICY_DENIED, e -> "address_banned".equals(e.reason())
                && "connect".equals(e.data().get("stage")), WAIT).isPresent());
    }
}
