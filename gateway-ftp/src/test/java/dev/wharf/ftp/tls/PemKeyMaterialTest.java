package dev.wharf.ftp.tls;

import dev.wharf.ftp.support.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the gateway's certificate and key from PEM files, and the TLS settings built from them. */
class PemKeyMaterialTest {
    @TempDir
    Path dir;

    @Test
    void readsEcAndRsaPkcs8() {
        TestTls ec = TestTls.ec(dir);
        PemKeyMaterial m = PemKeyMaterial.load(ec.certificate(), ec.privateKey());
        assertEquals("EC", m.privateKey().getAlgorithm());
        assertEquals(ec.x509(), m.chain().get(0));

        TestTls rsa = TestTls.rsa(dir);
        assertEquals("RSA", PemKeyMaterial.load(rsa.certificate(), rsa.privateKey()).privateKey().getAlgorithm());
    }

    @Test
    void keepsTheWholeChainInOrder() throws Exception {
        TestTls leaf = TestTls.ec(dir);
        TestTls other = TestTls.rsa(dir);
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(leaf.certificate()) + Files.readString(other.certificate()));
        PemKeyMaterial m = PemKeyMaterial.load(chain, leaf.privateKey());
        assertEquals(List.of(leaf.x509(), other.x509()), m.chain());
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        TestTls a = TestTls.ec(dir);
        Path otherDir = dir.resolve("b");
        otherDir.toFile().mkdirs();
        TestTls b = TestTls.ec(otherDir);
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PemKeyMaterial.load(a.certificate(), b.privateKey()));
        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
    }

    @Test
    void explainsHowToConvertAPkcs1Key() {
        TestTls rsa = TestTls.rsa(dir);
        Path pkcs1 = dir.resolve("pkcs1.pem");
        TestTls.run(List.of("openssl", "rsa", "-traditional", "-in", rsa.privateKey().toString(),
                "-out", pkcs1.toString()));
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PemKeyMaterial.load(rsa.certificate(), pkcs1));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
    }

    @Test
    void namesTheFileThatIsMissingOrEmpty() throws Exception {
        TestTls ec = TestTls.ec(dir);
        TlsSetupException missing = assertThrows(TlsSetupException.class,
                () -> PemKeyMaterial.load(dir.resolve("nope.pem"), ec.privateKey()));
        assertTrue(missing.getMessage().contains("nope.pem"), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a pem file\n");
        TlsSetupException none = assertThrows(TlsSetupException.class,
                () -> PemKeyMaterial.load(empty, ec.privateKey()));
        assertTrue(none.getMessage().contains("holds no PEM certificate"), none.getMessage());
        TlsSetupException noKey = assertThrows(TlsSetupException.class,
                () -> PemKeyMaterial.load(ec.certificate(), ec.certificate()));
        assertTrue(noKey.getMessage().contains("holds no PEM private key"), noKey.getMessage());
    }

    @Test
    void offersOnlyTls12And13WithForwardSecretAeadSuites() throws Exception {
        TestTls ec = TestTls.ec(dir);
        ServerTls tls = ServerTls.of(PemKeyMaterial.load(ec.certificate(), ec.privateKey()));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(tls.getEnabledProtocols()));
        for (String suite : tls.getEnabledCipherSuites()) {
            assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                    || suite.startsWith("TLS_ECDHE_"), suite);
            assertTrue(suite.contains("GCM") || suite.contains("CHACHA20"), suite);
        }
        assertEquals(Set.of(tls.getEnabledProtocols()), Set.of(tls.forDataConnections().getEnabledProtocols()));
    }

    @Test
    void dataConnectionsResumeControlSessionsButSendNoSessionTickets() throws Exception {
        TestTls ec = TestTls.ec(dir);
        ServerTls tls = ServerTls.of(PemKeyMaterial.load(ec.certificate(), ec.privateKey()));
        var data = tls.forDataConnections();
        assertTrue(data.getSSLContext() == tls.context(), "one context: data connections can resume control sessions");
        assertTrue(data.getSocketFactory() instanceof DataSocketFactory, "data sockets end TLS 1.3 with "
                + "close_notify only: " + data.getSocketFactory().getClass().getName());

        Layer control = raw -> (SSLSocket) tls.context().getSocketFactory().createSocket(raw,
                raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        Layer dataLayer = raw -> (SSLSocket) data.getSocketFactory().createSocket(raw,
                raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        // JSSE's client offers a ticket it got from the same host and port: one listener plays both connections
        List<SSLSession> resumed = serverSessions(ec, control, dataLayer);
        assertTrue(TlsSessionReuse.resumes(resumed.get(0), resumed.get(1)),
                "a data connection resumes the control session from its ticket: " + resumed);
        List<SSLSession> dataFirst = serverSessions(ec, dataLayer, dataLayer);
        assertFalse(TlsSessionReuse.resumes(dataFirst.get(0), dataFirst.get(1)),
                "a data connection sent no ticket, so nothing could be resumed: " + dataFirst);
    }

    private interface Layer {
        SSLSocket wrap(Socket raw) throws Exception;
    }

    /** Sequential TLS 1.3 connections of one client to one listener, each layered by its Layer; server sessions. */
    private static List<SSLSession> serverSessions(TestTls cert, Layer... layers) throws Exception {
        SSLContext client = SSLContext.getInstance("TLSv1.3");
        client.init(null, new TrustManager[]{cert.trustManager()}, null);
        List<SSLSession> sessions = new java.util.ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            for (Layer layer : layers) {
                var accepted = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try (Socket raw = server.accept(); SSLSocket s = layer.wrap(raw)) {
                        s.setUseClientMode(false);
                        s.setEnabledProtocols(new String[]{"TLSv1.3"});
                        s.startHandshake();
                        s.getOutputStream().write('x');
                        s.getOutputStream().flush();
                        return s.getSession();
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
                try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(
                        InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    c.setSoTimeout(10_000);
                    c.startHandshake();
                    assertEquals('x', c.getInputStream().read()); // tickets, if any, came before the byte
                    assertEquals(-1, c.getInputStream().read());
                }
                sessions.add(accepted.get(10, java.util.concurrent.TimeUnit.SECONDS));
            }
        }
        return sessions;
    }
}
