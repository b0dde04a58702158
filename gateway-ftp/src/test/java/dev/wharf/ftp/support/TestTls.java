package dev.wharf.ftp.support;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway self-signed certificate for 127.0.0.1/localhost made with the openssl command line (PKCS#8 key, as
 * the gateway expects), and a trust manager that trusts exactly that certificate.
 */
public record TestTls(Path certificate, Path privateKey) {
    /** An EC P-256 certificate in a new folder under {@code dir}. */
    public static TestTls ec(Path dir) {
        return generate(dir, "ec", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
    }

    /** An RSA 2048 certificate in a new folder under {@code dir}. */
    public static TestTls rsa(Path dir) {
        return generate(dir, "rsa", "-newkey", "rsa:2048");
    }

    /** An EC P-256 certificate for {@code dnsName} written to {@code cert} and {@code key} (e.g. a custom domain). */
    public static TestTls ecFor(String dnsName, Path cert, Path key) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-subj", "/CN=" + dnsName, "-addext", "subjectAltName=DNS:" + dnsName,
                "-keyout", key.toString(), "-out", cert.toString()));
        run(cmd);
        return new TestTls(cert, key);
    }

    private static TestTls generate(Path dir, String name, String... keyArgs) {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()));
        cmd.addAll(3, List.of(keyArgs));
        run(cmd);
        return new TestTls(cert, key);
    }

    /** Runs a command with a bounded wait; fails with its output when it does not succeed. */
    public static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            String out = new String(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + " (is it installed?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate x509() {
        try (InputStream in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts this certificate only, so the tests exercise real certificate checks. */
    public X509TrustManager trustManager() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("gateway", x509());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509TrustManager");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
