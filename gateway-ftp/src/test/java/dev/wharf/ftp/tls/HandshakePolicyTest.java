package dev.wharf.ftp.tls;

import dev.wharf.core.session.TenantResolver;
import dev.wharf.ftp.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ALPACA: a handshake with ALPN other than ftp, or SNI naming no site, fails on implicit and explicit ports. */
class HandshakePolicyTest {
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void alpnOtherThanFtpIsRefused() throws Exception {
        assertThrows(SSLHandshakeException.class, () -> implicit(null, "http/1.1").close());
        assertThrows(SSLHandshakeException.class, () -> explicit(null, "h2").close());
        try (SSLSocket s = implicit(null, "ftp")) {
            assertEquals("ftp", s.getApplicationProtocol());
            assertTrue(greeting(s).startsWith("220"));
        }
    }

    @Test
    void sniNamingNoSiteIsRefused() throws Exception {
        assertThrows(SSLHandshakeException.class, () -> implicit("ftp.example.org", null).close());
        assertThrows(SSLHandshakeException.class, () -> explicit("files.test.example.org", null).close());
        f.audit.await(e -> "tls-handshake".equals(e.data().get("stage")) && "bad_request".equals(e.reason()),
                java.time.Duration.ofSeconds(10));
        try (SSLSocket s = implicit("acme.files.test", null)) {
            assertTrue(greeting(s).startsWith("220"));
        }
        try (SSLSocket s = explicit("files.test", null)) {
            assertTrue(s.getSession().isValid(), "the base domain is accepted");
        }
    }

    @Test
    void acceptedNames() {
        HandshakePolicy p = new HandshakePolicy(new TenantResolver("files.test", "demo"), List.of("FTP.Example.org."),
                true);
        assertTrue(p.acceptsServerName("acme.files.test"));
        assertTrue(p.acceptsServerName("files.test"));
        assertTrue(p.acceptsServerName("ftp.example.org"));
        assertFalse(p.acceptsServerName("evil.example.org"));
        assertFalse(p.acceptsServerName("a.b.files.test"));
        assertTrue(p.acceptsServerName("127.0.0.1"), "lftp sends the address as SNI");
        assertTrue(p.acceptsServerName("::1"));
        assertTrue(new HandshakePolicy(new TenantResolver("files.test", "demo"), List.of(), false)
                .acceptsServerName("evil.example.org"), "off: every name is accepted");
    }

    private static SSLSocket implicit(String sni, String alpn) throws Exception {
        return handshake(new Socket("127.0.0.1", f.implicitPort()), sni, alpn);
    }

    /** AUTH TLS on the explicit port, then the handshake. */
    private static SSLSocket explicit(String sni, String alpn) throws Exception {
        Socket plain = new Socket("127.0.0.1", f.explicitPort());
        plain.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
        assertTrue(in.readLine().startsWith("220"));
        plain.getOutputStream().write("AUTH TLS\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(in.readLine().startsWith("234"));
        return handshake(plain, sni, alpn);
    }

    private static SSLSocket handshake(Socket plain, String sni, String alpn) throws Exception {
        plain.setSoTimeout(10_000);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{f.tls.trustManager()}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        SSLParameters p = s.getSSLParameters();
        if (sni != null) {
            p.setServerNames(List.of(new SNIHostName(sni)));
        }
        if (alpn != null) {
            p.setApplicationProtocols(new String[]{alpn});
        }
        s.setSSLParameters(p);
        try {
            s.startHandshake();
            return s;
        } catch (java.io.IOException e) {
            s.close();
            throw e;
        }
    }

    private static String greeting(SSLSocket s) throws Exception {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
