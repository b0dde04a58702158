package dev.wharf.web.tls;

import dev.wharf.web.testing.TrustAll;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's own host name gets its own certificate from {@code wharf.tls.sni-certificates-dir}; every other name
 * the platform certificate (throwaway openssl certificates; the real TLS handshake of the HTTPS port).
 */
@QuarkusTest
@TestProfile(SniCertificatesTest.WithAFolder.class)
class SniCertificatesTest {
    /** The platform certificate for localhost, and a folder with one Kubernetes-style secret for files.acme.test. */
    public static class WithAFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("wharf-web-sni");
                Path platform = Files.createDirectories(dir.resolve("platform"));
                openssl(platform.resolve("tls.crt"), platform.resolve("tls.key"), "localhost");
                Path acme = Files.createDirectories(dir.resolve("sni").resolve("acme"));
                openssl(acme.resolve("tls.crt"), acme.resolve("tls.key"), "files.acme.test");
                return Map.of("wharf.tls.certificate", platform.resolve("tls.crt").toString(),
                        "wharf.tls.private-key", platform.resolve("tls.key").toString(),
                        "wharf.tls.sni-certificates-dir", dir.resolve("sni").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void aTenantsOwnHostNameGetsItsOwnCertificate() throws Exception {
        assertTrue(namesOf(served("files.acme.test")).contains("files.acme.test"));
    }

    @Test
    void everyOtherNameGetsThePlatformCertificate() throws Exception {
        assertTrue(namesOf(served("localhost")).contains("localhost"));
        assertTrue(namesOf(served("other.example.test")).contains("localhost"), "no certificate covers it");
    }

    private X509Certificate served(String serverName) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        // the test's own throwaway certificates: only this socket trusts them
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", https.getPort())) {
            s.setSoTimeout(20_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(serverName)));
            s.setSSLParameters(p);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    private static List<String> namesOf(X509Certificate c) throws Exception {
        List<String> names = new ArrayList<>();
        if (c.getSubjectAlternativeNames() != null) {
            c.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
        }
        return names;
    }

    private static void openssl(Path cert, Path key, String name) throws IOException {
        try {
            Process p = new ProcessBuilder(List.of("openssl", "req", "-x509", "-nodes", "-days", "2",
                    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-subj", "/CN=" + name,
                    "-addext", "subjectAltName=DNS:" + name, "-keyout", key.toString(), "-out", cert.toString()))
                    .redirectErrorStream(true).redirectOutput(cert.resolveSibling("openssl.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl failed: "
                        + Files.readString(cert.resolveSibling("openssl.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
