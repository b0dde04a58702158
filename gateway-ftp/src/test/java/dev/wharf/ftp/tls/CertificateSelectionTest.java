package dev.wharf.ftp.tls;

import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.Poll;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The certificate chosen by SNI (custom domain or platform) and reloaded from its files without a restart. */
class CertificateSelectionTest {
    private static final String CUSTOM = "ftp.acme-corp.example";

    @TempDir
    Path dir;

    @Test
    void sniPicksTheCustomDomainCertificateAndChangedFilesAreReloaded() throws Exception {
        Path platformCert = dir.resolve("tls.crt");
        Path platformKey = dir.resolve("tls.key");
        TestTls.ecFor("platform-1.files.test", platformCert, platformKey);
        Path custom = Files.createDirectories(dir.resolve("custom").resolve("acme"));
        TestTls.ecFor(CUSTOM, custom.resolve("tls.crt"), custom.resolve("tls.key"));
        ServerTls tls = ServerTls.of(CertificateStore.watching(platformCert, platformKey,
                Optional.of(dir.resolve("custom")), Duration.ofMillis(200)));
        try (GatewayFixture f = new GatewayFixture(TestFtpConfig.loopback(), tls)) {
            assertEquals("CN=" + CUSTOM, presented(f, CUSTOM), "a custom domain gets its certificate");
            assertEquals("CN=platform-1.files.test", presented(f, null), "no SNI: the platform certificate");
            assertEquals("CN=platform-1.files.test", presented(f, "acme.files.test"), "a site name: the platform's");

            // replaced as Kubernetes does: new files moved into place
            Path next = Files.createDirectories(dir.resolve("next"));
            TestTls.ecFor("platform-2.files.test", next.resolve("tls.crt"), next.resolve("tls.key"));
            Files.move(next.resolve("tls.key"), platformKey, StandardCopyOption.REPLACE_EXISTING);
            Files.move(next.resolve("tls.crt"), platformCert, StandardCopyOption.REPLACE_EXISTING);
            Poll.until("the new platform certificate", Duration.ofSeconds(15),
                    () -> "CN=platform-2.files.test".equals(presentedQuietly(f)));

            // a broken file is not taken: the last good certificate stays
            Files.writeString(platformCert, "not a certificate");
            tls.reloadIfChanged();
            assertEquals("CN=platform-2.files.test", presented(f, null));
        } finally {
            tls.close();
        }
    }

    private static String presentedQuietly(GatewayFixture f) {
        try {
            return presented(f, null);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Handshakes on the implicit port (any certificate trusted) and returns the subject the server presented. */
    private static String presented(GatewayFixture f, String sni) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", f.implicitPort())) {
            s.setSoTimeout(10_000);
            if (sni != null) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(sni)));
                s.setSSLParameters(p);
            }
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    /** The test inspects the presented certificate itself. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
