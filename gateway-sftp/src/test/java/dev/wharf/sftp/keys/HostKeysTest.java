package dev.wharf.sftp.keys;

import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostKeysTest {
    @TempDir
    Path dir;

    @Test
    void generatesEd25519EcdsaAndRsaOnceInOpenSshFormatReadableOnlyByTheOwner() throws Exception {
        List<KeyPair> first = HostKeys.loadOrCreate(dir);
        assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"),
                first.stream().map(KeyUtils::getKeyType).toList());
        assertEquals(3072, ((java.security.interfaces.RSAKey) first.get(2).getPublic()).getModulus().bitLength());
        for (HostKeys.Kind kind : HostKeys.Kind.values()) {
            Path f = dir.resolve(kind.fileName());
            assertTrue(Files.readString(f).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"), kind + " format");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), kind + " mode");
            assertTrue(Files.exists(dir.resolve(kind.fileName() + ".pub")));
        }
        byte[] before = Files.readAllBytes(dir.resolve("ssh_host_ed25519_key"));

        List<KeyPair> second = HostKeys.loadOrCreate(dir);
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("ssh_host_ed25519_key")), "never regenerated");
        for (int i = 0; i < first.size(); i++) {
            assertTrue(KeyUtils.compareKeys(first.get(i).getPublic(), second.get(i).getPublic()), "same key " + i);
        }
    }

    @Test
    void openSshReadsTheGeneratedKeys() throws Exception {
        HostKeys.loadOrCreate(dir);
        Path keygen = Path.of("/usr/bin/ssh-keygen");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(keygen) || "true".equals(System.getenv("CI")),
                "ssh-keygen not installed");
        for (HostKeys.Kind kind : HostKeys.Kind.values()) {
            Process p = new ProcessBuilder(keygen.toString(), "-y", "-f", dir.resolve(kind.fileName()).toString())
                    .redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String derived = new String(p.getInputStream().readAllBytes()).trim();
            assertEquals(0, p.exitValue(), derived);
            PublicKey fromOpenSsh = PublicKeyEntry.parsePublicKeyEntry(derived).resolvePublicKey(null, null, null);
            PublicKey ours = HostKeys.load(dir.resolve(kind.fileName())).getPublic();
            assertTrue(KeyUtils.compareKeys(ours, fromOpenSsh), kind + ": OpenSSH derives the same public key");
        }
    }

    @Test
    void aRestartedGatewayPresentsTheSameHostKeys() throws Exception {
        Set<String> firstRun = new HashSet<>();
        Set<String> secondRun = new HashSet<>();
        try (GatewayFixture fx = new GatewayFixture(dir); MinaClient c = new MinaClient()) {
            c.login(fx.port(), "alice", PASSWORD).close();
            fx.gateway.hostKeys().forEach(k -> firstRun.add(KeyUtils.getFingerPrint(k)));
            assertFalse(c.hostKeys.isEmpty());
            assertTrue(firstRun.contains(KeyUtils.getFingerPrint(c.hostKeys.get(0))), "the client saw one of them");
        }
        try (GatewayFixture fx = new GatewayFixture(dir); MinaClient c = new MinaClient()) {
            c.login(fx.port(), "alice", PASSWORD).close();
            fx.gateway.hostKeys().forEach(k -> secondRun.add(KeyUtils.getFingerPrint(k)));
            assertTrue(secondRun.contains(KeyUtils.getFingerPrint(c.hostKeys.get(0))));
        }
        assertEquals(3, firstRun.size());
        assertEquals(firstRun, secondRun, "replicas and restarts share the keys in the folder");
    }
}
