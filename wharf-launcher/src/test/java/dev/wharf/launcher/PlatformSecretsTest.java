package dev.wharf.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's own credentials are made once, kept private and reused on the next start. */
class PlatformSecretsTest {
    @Test
    void madeOnFirstStartReusedAfterAndOwnerOnly(@TempDir Path dir) throws Exception {
        PlatformSecrets first = new PlatformSecrets(dir.resolve("secrets"));
        String secret = first.gatewayClientSecret();
        Path key = first.grantSigningKey();
        String pem = Files.readString(key);
        assertTrue(secret.length() >= 32, "a long random secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("secrets").resolve(PlatformSecrets.GATEWAY_SECRET_FILE))));
        String b64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(b64)));

        PlatformSecrets again = new PlatformSecrets(dir.resolve("secrets"));
        assertEquals(secret, again.gatewayClientSecret());
        assertEquals(pem, Files.readString(again.grantSigningKey()));

        PlatformSecrets elsewhere = new PlatformSecrets(dir.resolve("other"));
        assertNotEquals(secret, elsewhere.gatewayClientSecret());
    }
}
