package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @TempDir
    Path dir;

    @Test
    void makesAnEcP256CertificateForLocalhostTenantsAndLoopbackWithAPkcs8Key() throws Exception {
        SelfSignedCertificate made = SelfSignedCertificate.ensure(dir);

        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(made.certificate())) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        List<String> names = certificate.getSubjectAlternativeNames().stream()
                .map(entry -> String.valueOf(entry.get(1))).toList();
        assertTrue(names.containsAll(List.of("localhost", "*.localhost", "127.0.0.1")), names.toString());
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());

        String pem = Files.readString(made.privateKey());
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8, not SEC1");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(made.privateKey()));
    }

    @Test
    void keepsAnExistingPair() throws Exception {
        SelfSignedCertificate first = SelfSignedCertificate.ensure(dir);
        byte[] before = Files.readAllBytes(first.certificate());
        SelfSignedCertificate second = SelfSignedCertificate.ensure(dir);
        assertEquals(first.certificate(), second.certificate());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(second.certificate())));
    }
}
