package dev.wharf.sftp.server;

import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import dev.wharf.sftp.testing.TestConfig;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlgorithmsTest {
    @TempDir
    Path keys;

    @Test
    void defaultsAreModernOnlyAndIncludeThePostQuantumHybrids() {
        Algorithms a = Algorithms.from(new TestConfig("unused"));
        List<String> kex = Algorithms.names(a.kex());
        assertEquals("mlkem768x25519-sha256", kex.get(0), "ML-KEM hybrid first (Bouncy Castle 1.86 present)");
        assertTrue(kex.contains("sntrup761x25519-sha512"));
        assertTrue(kex.contains("curve25519-sha256"));
        assertTrue(kex.stream().noneMatch(k -> k.contains("sha1") || k.contains("group1-") || k.contains("group14-")),
                kex::toString);
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
                "aes256-ctr", "aes192-ctr", "aes128-ctr"), Algorithms.names(a.ciphers()));
        assertTrue(Algorithms.names(a.macs()).stream().noneMatch(m -> m.contains("sha1") || m.contains("md5")));
        assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"),
                Algorithms.names(a.signatures()));
    }

    @Test
    void unknownAlgorithmNamesStopTheGateway() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.from(new TestConfig("unused", List.of("curve25519-sha256", "no-such-kex"))));
        assertTrue(e.getMessage().contains("no-such-kex"), e.getMessage());
    }

    @Test
    void aClientOfferingOnlySha1AndCbcIsRefused() throws Exception {
        try (GatewayFixture fx = new GatewayFixture(keys); MinaClient weak = new MinaClient()) {
            weak.client.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                    List.of(BuiltinDHFactories.dhg14, BuiltinDHFactories.dhg1), ClientBuilder.DH2KEX));
            weak.client.setCipherFactories(List.of(BuiltinCiphers.aes128cbc, BuiltinCiphers.aes256cbc));
            weak.client.setMacFactories(List.of(BuiltinMacs.hmacsha1));
            weak.client.setSignatureFactories(List.of(BuiltinSignatures.rsa));
            Exception refused = assertThrows(Exception.class, () -> weak.login(fx.port(), "alice", PASSWORD));
            assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("negotiate")
                    || refused instanceof org.apache.sshd.common.SshException, refused.toString());
            assertFalse(fx.audit.events().stream().anyMatch(e -> e.type() == dev.wharf.core.audit.AuditType.LOGIN_SUCCEEDED));

            try (MinaClient modern = new MinaClient()) {
                modern.login(fx.port(), "alice", PASSWORD).close(); // the same server accepts a modern client
            }
        }
    }
}
