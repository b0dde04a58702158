package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The platform's self-signed certificate for local runs (FTPS): EC P-256, valid for localhost, *.localhost
 * (every tenant's name) and 127.0.0.1; made once with openssl and kept.
 */
public final class SelfSignedCertificate {

    /** The certificate chain's file name in the TLS folder. */
    public static final String CERTIFICATE = "certificate.pem";
    /** The private key's file name (PKCS#8 PEM, owner-only). */
    public static final String PRIVATE_KEY = "private-key.pem";

    private final Path certificate;
    private final Path privateKey;

    private SelfSignedCertificate(Path certificate, Path privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** The certificate in {@code tlsDir}, generated with openssl when the folder does not hold one yet. */
    public static SelfSignedCertificate ensure(Path tlsDir) {
        Path dir = tlsDir.toAbsolutePath();
        Path certificate = dir.resolve(CERTIFICATE);
        Path privateKey = dir.resolve(PRIVATE_KEY);
        if (Files.isRegularFile(certificate) && Files.isRegularFile(privateKey)) {
            return new SelfSignedCertificate(certificate, privateKey);
        }
        try {
            Files.createDirectories(dir);
            // openssl writes into temporary names first so that a half-made pair is never picked up
            Path tempCert = dir.resolve(CERTIFICATE + ".tmp");
            Path tempKey = dir.resolve(PRIVATE_KEY + ".tmp");
            Files.deleteIfExists(tempCert);
            Files.deleteIfExists(tempKey);
            try {
                ChildProcess.run("openssl", List.of("openssl", "req", "-x509",
                                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                "-keyout", tempKey.toString(), "-out", tempCert.toString(),
                                "-days", "825", "-subj", "/O=Wharf local/CN=localhost",
                                "-addext", "subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1"),
                        Map.of(), dir, dir.resolve("openssl.log"), Duration.ofSeconds(60));
            } catch (java.io.UncheckedIOException e) {
                throw new IllegalStateException("openssl is needed to make the local self-signed certificate: "
                        + "install it (for example `apt-get install openssl`)", e);
            }
            Secrets.ownerOnly(tempKey);
            Files.move(tempKey, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(tempCert, certificate, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new SelfSignedCertificate(certificate, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a certificate in " + dir, e);
        }
    }

    /** The PEM certificate chain. */
    public Path certificate() {
        return certificate;
    }

    /** The PEM PKCS#8 private key. */
    public Path privateKey() {
        return privateKey;
    }
}
