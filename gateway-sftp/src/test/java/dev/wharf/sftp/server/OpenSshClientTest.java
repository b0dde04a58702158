package dev.wharf.sftp.server;

import dev.wharf.core.Reason;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.OpenSsh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static dev.wharf.sftp.testing.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway with Debian's OpenSSH {@code sftp} and {@code ssh} clients, as a person would use them. */
class OpenSshClientTest {
    @TempDir
    static Path keys;
    static GatewayFixture fx;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws IOException {
        OpenSsh.require();
        fx = new GatewayFixture(keys);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void tools() {
        OpenSsh.require();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private OpenSsh.Result sftp(String... commands) throws Exception {
        return OpenSsh.sftp(fx.port(), "alice", PASSWORD, work, commands);
    }

    @Test
    void everydayCommandsWork() throws Exception {
        byte[] data = random(2 * 1024 * 1024 + 3, 11);
        Files.write(work.resolve("a.bin"), data);
        OpenSsh.Result r = sftp(
                "pwd",
                "mkdir docs",
                "cd docs",
                "put a.bin",
                "ls -l",
                "get a.bin copy.bin",
                "rename a.bin b.bin",
                "ls",
                "rm b.bin",
                "cd ..",
                "rmdir docs",
                "ls");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("Remote working directory: /"), r.out());
        assertTrue(r.out().matches("(?s).*-rw-r--r--.*a\\.bin.*"), "ls -l shows the file: " + r.out());
        assertTrue(r.out().contains("b.bin"), r.out());
        assertArrayEquals(data, Files.readAllBytes(work.resolve("copy.bin")), "get is byte-exact");
        assertFalse(fx.storage.exists(TENANT, "/alice/docs"), "everything removed again");
    }

    @Test
    void reputAndRegetResumeInterruptedTransfers() throws Exception {
        byte[] data = random(1_500_000, 12);
        Files.write(work.resolve("full.bin"), data);
        fx.storage.file(TENANT, "/alice/up.bin", Arrays.copyOf(data, 600_000)); // an upload that stopped half-way
        fx.storage.file(TENANT, "/alice/down.bin", data);
        Files.write(work.resolve("down.bin"), Arrays.copyOf(data, 250_000)); // a download that stopped early
        OpenSsh.Result r = sftp("reput full.bin up.bin", "reget down.bin down.bin");
        assertEquals(0, r.exit(), r.all());
        assertArrayEquals(data, fx.storage.content(TENANT, "/alice/up.bin"), "reput completed the remote file");
        assertArrayEquals(data, Files.readAllBytes(work.resolve("down.bin")), "reget completed the local file");
    }

    @Test
    void putPreservesTheModificationTime() throws Exception {
        Path f = work.resolve("old.txt");
        Files.writeString(f, "from 2019");
        Instant when = Instant.parse("2019-06-07T08:09:10Z");
        Files.setLastModifiedTime(f, FileTime.from(when));
        OpenSsh.Result r = sftp("put -p old.txt");
        assertEquals(0, r.exit(), r.all());
        assertEquals(when, fx.storage.stat(dev.wharf.core.grant.SessionGrant.unsigned(TENANT), "/alice/old.txt").modified());
    }

    @Test
    void symlinkIsRefusedCleanly() throws Exception {
        fx.storage.file(TENANT, "/alice/target.txt", "t".getBytes());
        OpenSsh.Result r = sftp("-symlink target.txt link.txt", "-ln target.txt hard.txt", "ls target.txt");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.err().contains("symlink"), "the client reports the refusal: " + r.err());
        assertTrue(r.out().contains("target.txt"), "the session goes on after the refusal: " + r.out());
        assertFalse(fx.storage.exists(TENANT, "/alice/link.txt"));
        assertFalse(fx.storage.exists(TENANT, "/alice/hard.txt"));
    }

    @Test
    void escapeAttemptsStayInTheHomeFolder() throws Exception {
        fx.storage.file(TENANT, "/bob/private.txt", "bob".getBytes());
        Files.writeString(work.resolve("x.txt"), "x");
        OpenSsh.Result r = sftp("cd /../../..", "pwd", "put x.txt ../../x.txt", "-get /bob/private.txt stolen.txt",
                "-get ../bob/private.txt stolen2.txt", "ls /");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("Remote working directory: /"), r.out());
        assertTrue(fx.storage.exists(TENANT, "/alice/x.txt"), "../../x.txt landed in the home folder");
        assertFalse(fx.storage.exists(TENANT, "/x.txt"));
        assertFalse(Files.exists(work.resolve("stolen.txt")));
        assertFalse(Files.exists(work.resolve("stolen2.txt")));
    }

    @Test
    void wrongPasswordFails() throws Exception {
        OpenSsh.Result r = OpenSsh.sftp(fx.port(), "alice", "not-the-password", work, "pwd");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("Permission denied"), r.err());
    }

    @Test
    void passwordChangeRequiredShowsTheBanner() throws Exception {
        fx.identity.refuseAfterPassword(TENANT, "erin", PASSWORD, Reason.PASSWORD_CHANGE_REQUIRED);
        OpenSsh.Result r = OpenSsh.sftp(fx.port(), "erin", PASSWORD, work, "pwd");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("password_change_required"), "OpenSSH prints the banner: " + r.err());
    }

    @Test
    void execAndShellAreRefused() throws Exception {
        OpenSsh.Result exec = OpenSsh.ssh(fx.port(), "alice", PASSWORD, work, List.of("-T"), "id");
        assertNotEquals(0, exec.exit(), exec.all());
        assertFalse(exec.out().contains("uid="), exec.all());
        OpenSsh.Result forward = OpenSsh.ssh(fx.port(), "alice", PASSWORD, work,
                List.of("-N", "-oExitOnForwardFailure=yes", "-L", "0:127.0.0.1:" + fx.port()));
        assertNotEquals(0, forward.exit(), "port forwarding is refused: " + forward.all());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "SHA-1 key exchange only, -oKexAlgorithms=diffie-hellman-group14-sha1, key exchange",
            "CBC ciphers only, '-oCiphers=aes128-cbc,aes256-cbc', cipher",
            "SHA-1 MACs only, -oCiphers=aes128-ctr -oMACs=hmac-sha1, MAC",
            "SHA-1 RSA host key only, -oHostKeyAlgorithms=ssh-rsa, host key type"})
    void weakAlgorithmOffersAreRefused(String what, String options, String negotiated) throws Exception {
        OpenSsh.Result r = OpenSsh.ssh(fx.port(), "alice", PASSWORD, work, List.of(options.split(" ")), "true");
        assertNotEquals(0, r.exit(), what + " must not connect: " + r.all());
        assertTrue(r.err().contains("no matching " + negotiated), what + ": " + r.err());
    }

    @ParameterizedTest
    @CsvSource({"ed25519,kim", "ecdsa,lena", "rsa,mike"})
    void publicKeyLoginWithSftpDashI(String type, String user) throws Exception {
        Path key = OpenSsh.keygen(work, type);
        fx.identity.addUser(TENANT, user, "unused-" + user, "/" + user);
        fx.storage.folder(TENANT, "/" + user);
        fx.identity.addKey(TENANT, user, Files.readString(Path.of(key + ".pub")));
        Files.writeString(work.resolve("k.txt"), "by key");
        OpenSsh.Result r = OpenSsh.sftpWithKey(fx.port(), user, key, work, "put k.txt", "get k.txt back.txt", "ls");
        assertEquals(0, r.exit(), r::all);
        assertEquals("by key", Files.readString(work.resolve("back.txt")));
    }

    @Test
    void aKeyThatIsNotOnFileIsRefused() throws Exception {
        Path key = OpenSsh.keygen(work, "ed25519");
        OpenSsh.Result r = OpenSsh.sftpWithKey(fx.port(), "alice", key, work, "ls");
        assertNotEquals(0, r.exit(), r::all);
        assertTrue(r.err().contains("Permission denied"), r::all);
    }
}
