package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The platform's own credentials, made on first start and reused (docs/DECISIONS.md, "Trust inside the
 * platform"): the gateways' service-account secret and the key identity-service signs session grants with. Both
 * live in {@code <run dir>/secrets/}, readable by their owner only; deleting the folder makes new ones.
 */
final class PlatformSecrets {
    static final String GATEWAY_SECRET_FILE = "gateway-client-secret";
    static final String GRANT_KEY_FILE = "grant-signing-key.pem";

    private final Path dir;

    PlatformSecrets(Path dir) {
        this.dir = dir;
    }

    /** The gateways' client secret: read, or made and kept. */
    String gatewayClientSecret() {
        Path file = dir.resolve(GATEWAY_SECRET_FILE);
        try {
            if (Files.isRegularFile(file)) {
                String s = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!s.isEmpty()) {
                    return s;
                }
            }
            String made = Secrets.token(40);
            Secrets.writeOwnerOnly(file, made + "\n");
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the gateways' secret in " + file, e);
        }
    }

    /** The grant signing key (Ed25519, PKCS#8 PEM): its file, made if missing. */
    Path grantSigningKey() {
        Path file = dir.resolve(GRANT_KEY_FILE);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
                byte[] der = g.generateKeyPair().getPrivate().getEncoded();
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                        + "\n-----END PRIVATE KEY-----\n";
                Secrets.writeOwnerOnly(file, pem);
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the grant signing key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }
}
