package dev.wharf.sftp.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.audit.AuditType;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.OpenSsh;
import dev.wharf.sftp.testing.Poll;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static dev.wharf.sftp.testing.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real clients besides OpenSSH and MINA: Python paramiko (Debian's, in /usr/bin/python3) and curl sftp://
 * (libssh2), each with a password and an Ed25519 key: upload, download, resume, check-file, unsupported requests.
 * The negotiated algorithms are printed for the README's client matrix.
 */
class ClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;
    @TempDir
    static Path work;
    static GatewayFixture fx;
    static Path userKey;

    /** Client identification → negotiated algorithms, printed at the end for the README's client matrix. */
    static final Map<String, String> NEGOTIATED = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeAll
    static void start() throws Exception {
        fx = new GatewayFixture(keys, gateway -> gateway.addSessionListener(new SessionListener() {
            @Override
            public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> c,
                                              Map<KexProposalOption, String> s, Map<KexProposalOption, String> n,
                                              Throwable reason) {
                if (reason == null) {
                    NEGOTIATED.put(session.getClientVersion(), "kex=" + n.get(KexProposalOption.ALGORITHMS)
                            + " hostkey=" + n.get(KexProposalOption.SERVERKEYS) + " cipher="
                            + n.get(KexProposalOption.C2SENC) + " mac=" + n.get(KexProposalOption.C2SMAC));
                }
            }
        }));
        OpenSsh.require();
        userKey = OpenSsh.keygen(work, "ed25519");
        fx.identity.addUser(TENANT, "kate", PASSWORD, "/kate");
        fx.storage.folder(TENANT, "/kate");
        fx.identity.addKey(TENANT, "kate", Files.readString(Path.of(userKey + ".pub")).strip());
    }

    @AfterAll
    static void stop() {
        NEGOTIATED.forEach((client, algorithms) -> System.out.println("negotiated: " + client + " " + algorithms));
        fx.close();
    }

    private static Map<String, JsonNode> paramiko(String user, String method, String secret) throws Exception {
        OpenSsh.requireClient("python3 with paramiko (python3-paramiko)", PYTHON, "-c", "import paramiko");
        Path script = Path.of("src/test/resources/clients/paramiko_client.py").toAbsolutePath();
        OpenSsh.Result r = OpenSsh.run(List.of(PYTHON, script.toString(), String.valueOf(fx.port()), user, method,
                secret), work);
        assertEquals(0, r.exit(), r::all);
        Map<String, JsonNode> ops = new HashMap<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = JSON.readTree(line);
                ops.put(n.get("op").asText(), n);
            }
        }
        System.out.println("paramiko " + method + ": " + ops.get("login")); // algorithms, for the README matrix
        return ops;
    }

    private static void assertOperations(Map<String, JsonNode> ops) {
        for (String op : List.of("put_get", "resume_upload", "resume_download")) {
            assertTrue(ops.get(op).get("ok").asBoolean() && ops.get(op).get("same").asBoolean(), () -> op + ": " + ops);
        }
        JsonNode check = ops.get("check_file");
        assertTrue(check.get("ok").asBoolean(), check::toString);
        assertEquals(check.get("expected").asText(), check.get("sha256").asText(), "SHA-256 from storage");
        for (String op : List.of("check_file_md5", "symlink", "readlink")) {
            JsonNode n = ops.get(op);
            assertFalse(n.get("ok").asBoolean(), n::toString);
            assertTrue(n.get("error").asText().contains("unsupported_operation"), n::toString);
        }
        assertTrue(ops.get("rename").get("ok").asBoolean(), ops::toString);
        assertTrue(ops.get("remove").get("ok").asBoolean(), ops::toString);
    }

    @Test
    void paramikoWithPassword() throws Exception {
        Map<String, JsonNode> ops = paramiko("alice", "password", PASSWORD);
        assertOperations(ops);
        assertTrue(fx.audit.await(AuditType.DOWNLOAD, e -> "alice".equals(e.user()), WAIT).isPresent());
    }

    @Test
    void paramikoWithKey() throws Exception {
        assertOperations(paramiko("kate", "key", userKey.toString()));
    }

    private static OpenSsh.Result curl(String... args) throws Exception {
        OpenSsh.requireClient("curl with sftp (curl)", "sh", "-c", "curl -V | grep -q sftp");
        List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail", "--max-time", "60",
                "--verbose"));
        cmd.addAll(List.of(args));
        // curl checks ~/.ssh/known_hosts: pin the Ed25519 host key instead (what a user should do), or -k
        return OpenSsh.run(cmd, work);
    }

    /**
     * The gateway's ECDSA host key as curl 7.88's --hostpubsha256 wants it (base64 SHA-256 with padding): libssh2
     * 1.10 prefers ecdsa-sha2-nistp256 over ssh-ed25519.
     */
    private static String hostKeyPin() {
        PublicKey k = fx.gateway.hostKeys().stream().filter(x -> KeyUtils.getKeyType(x).equals("ecdsa-sha2-nistp256"))
                .findFirst().orElseThrow();
        return KeyUtils.getFingerPrint(org.apache.sshd.common.digest.BuiltinDigests.sha256, k).substring("SHA256:".length())
                + "=";
    }

    @Test
    void curlWithPasswordUploadsAndDownloads() throws Exception {
        byte[] data = new byte[200 * 1024];
        new Random(7).nextBytes(data);
        Files.write(work.resolve("c.bin"), data);
        String url = "sftp://127.0.0.1:" + fx.port() + "/";
        OpenSsh.Result up = curl("-k", "--user", "alice:" + PASSWORD, "-T", "c.bin", url);
        assertEquals(0, up.exit(), up::all);
        OpenSsh.Result down = curl("-k", "--user", "alice:" + PASSWORD, "-o", "c-back.bin", url + "c.bin");
        assertEquals(0, down.exit(), down::all);
        assertArrayEquals(data, Files.readAllBytes(work.resolve("c-back.bin")));
        OpenSsh.Result list = curl("-k", "--user", "alice:" + PASSWORD, url);
        assertTrue(list.out().contains("c.bin"), list::all);
        // resume a download from byte 100000 (-C offset)
        OpenSsh.Result part = curl("-k", "--user", "alice:" + PASSWORD, "-C", "100000", "-o", "c-part.bin", url + "c.bin");
        assertEquals(0, part.exit(), part::all);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100000, data.length),
                Files.readAllBytes(work.resolve("c-part.bin")));
        // resume an interrupted upload: 50000 bytes are there, -C - sends the rest
        Files.write(work.resolve("half.bin"), java.util.Arrays.copyOf(data, 50000));
        assertEquals(0, curl("-k", "--user", "alice:" + PASSWORD, "-T", "half.bin", url + "resumed.bin").exit());
        OpenSsh.Result resumed = curl("-k", "--user", "alice:" + PASSWORD, "-C", "-", "-T", "c.bin", url + "resumed.bin");
        assertEquals(0, resumed.exit(), resumed::all);
        assertArrayEquals(data, fx.storage.content(TENANT, "/alice/resumed.bin"));
        System.out.println("curl password: " + part.err().lines().filter(l -> l.contains("SSH") || l.contains("ssh"))
                .toList());
    }

    @Test
    void curlWithKeyAndPinnedHostKey() throws Exception {
        Files.writeString(work.resolve("k.txt"), "curl with a key");
        String url = "sftp://127.0.0.1:" + fx.port() + "/";
        OpenSsh.Result up = curl("--hostpubsha256", hostKeyPin(), "--user", "kate:", "--key", userKey.toString(),
                "--pubkey", userKey + ".pub", "-T", "k.txt", url);
        assertEquals(0, up.exit(), up::all);
        OpenSsh.Result down = curl("--hostpubsha256", hostKeyPin(), "--user", "kate:", "--key", userKey.toString(),
                "--pubkey", userKey + ".pub", url + "k.txt");
        assertEquals(0, down.exit(), down::all);
        assertEquals("curl with a key", down.out());
        assertTrue(fx.audit.await(AuditType.UPLOAD, e -> "kate".equals(e.user()), WAIT).isPresent());
    }

    @Test
    void openSshAndMinaNegotiateModernAlgorithms() throws Exception {
        OpenSsh.Result r = OpenSsh.sftp(fx.port(), "alice", PASSWORD, work, "ls");
        assertEquals(0, r.exit(), r::all);
        try (dev.wharf.sftp.testing.MinaClient mina = new dev.wharf.sftp.testing.MinaClient()) {
            mina.login(fx.port(), "alice", PASSWORD).close(true);
        }
        assertTrue(Poll.isTrue(WAIT, () -> NEGOTIATED.keySet().stream().anyMatch(k -> k.contains("OpenSSH"))
                && NEGOTIATED.keySet().stream().anyMatch(k -> k.contains("APACHE-SSHD"))), NEGOTIATED::toString);
        NEGOTIATED.forEach((client, algorithms) -> {
            if (client.contains("OpenSSH") || client.contains("APACHE-SSHD")) {
                assertTrue(algorithms.contains("kex=mlkem768x25519-sha256")
                        || algorithms.contains("kex=sntrup761x25519-sha512"), client + " " + algorithms);
            }
        });
    }

    @Test
    void rcloneCopiesBothWays() throws Exception {
        OpenSsh.requireClient("rclone", "rclone", "version");
        String obscured = OpenSsh.run(List.of("rclone", "obscure", PASSWORD), work).out().strip();
        // the gateway's host keys as known_hosts lines: rclone checks them (it has no "accept any" switch here)
        Path knownHosts = work.resolve("known_hosts");
        Files.write(knownHosts, fx.gateway.hostKeys().stream().map(k -> "[127.0.0.1]:" + fx.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(k)).toList());
        // an on-the-fly remote; hashes off: rclone would run md5sum over an exec channel, which the gateway refuses
        String remote = ":sftp,host=127.0.0.1,port=" + fx.port() + ",user=alice,pass=" + obscured
                + ",disable_hashcheck=true,known_hosts_file=" + knownHosts + ":";
        Files.writeString(work.resolve("rc.txt"), "rclone was here");
        List<String> base = List.of("rclone", "--config", "/dev/null", "--retries", "1", "--low-level-retries", "1");
        List<String> up = new ArrayList<>(base);
        up.addAll(List.of("copyto", "rc.txt", remote + "rc.txt"));
        OpenSsh.Result r = OpenSsh.run(up, work);
        assertEquals(0, r.exit(), () -> "rclone: " + r.all());
        List<String> cat = new ArrayList<>(base);
        cat.addAll(List.of("cat", remote + "rc.txt"));
        OpenSsh.Result back = OpenSsh.run(cat, work);
        assertEquals(0, back.exit(), back::all);
        assertEquals("rclone was here", back.out());
    }
}
