package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.sftp.keys.HostKeys;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The host keys the chart generates (Helm genPrivateKey, PEM) are read by gateway-sftp's own loader, as the init
 * container leaves them (0600).
 */
class HostKeyFormatTest {

    @Test
    void gatewayLoadsEveryGeneratedHostKey(@TempDir Path dir) throws Exception {
        JsonNode data = Chart.render(Map.of()).get("Secret", "wharf-ssh-host-keys").path("data");
        Map<String, String> expected = Map.of("ssh_host_ed25519_key", "ssh-ed25519",
                "ssh_host_ecdsa_key", "ecdsa-sha2-nistp256", "ssh_host_rsa_key", "ssh-rsa");
        for (var e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.write(file, Base64.getDecoder().decode(data.path(e.getKey()).asText()));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            KeyPair kp = HostKeys.load(file);
            assertEquals(e.getValue(), KeyUtils.getKeyType(kp), e.getKey());
        }
        // what the gateway does at start with the mounted Secret: load all three, generate none
        assertEquals(3, HostKeys.loadOrCreate(dir).size());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "nothing generated beside the Secret's keys");
        }
    }
}
