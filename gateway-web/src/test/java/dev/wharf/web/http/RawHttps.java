package dev.wharf.web.http;

import dev.wharf.web.testing.TrustAll;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A balancer by hand: a PROXY header, then TLS and one HTTP/1.1 request on the same socket (tests only). */
final class RawHttps {
    private static final int MAX_ANSWER = 1 << 20;

    private RawHttps() {
    }

    /** Test profile settings: PROXY on, {@code trusted} the balancers, a fresh self-signed certificate. */
    static Map<String, String> config(String trusted) {
        try {
            Path dir = Files.createTempDirectory("wharf-web-tls");
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Process p = new ProcessBuilder(List.of("openssl", "req", "-x509", "-nodes", "-days", "2",
                    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
            }
            return Map.of("wharf.web.proxy.protocol", "true", "wharf.web.proxy.trusted-cidrs", trusted,
                    "wharf.tls.certificate", cert.toString(), "wharf.tls.private-key", key.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A PROXY v2 PROXY/TCP4 header from {@code source}:{@code port} to 127.0.0.1:443. */
    static byte[] v2(String source, int port) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + 12);
        b.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
        b.put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName("127.0.0.1").getAddress());
        b.putShort((short) port).putShort((short) 443);
        return b.array();
    }

    /** Sends {@code header}, then TLS, then GET {@code path}; the whole answer (the server closes). */
    static String get(int port, byte[] header, String path) throws Exception {
        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.setSoTimeout(20_000);
            raw.getOutputStream().write(header);
            raw.getOutputStream().flush();
            SSLContext tls = SSLContext.getInstance("TLS");
            // the test's own throwaway certificate: only this socket trusts it
            tls.init(null, new TrustManager[] {new TrustAll()}, null);
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", port, true)) {
                s.startHandshake();
                return exchange(s, path);
            }
        }
    }

    /** GET {@code path} on the plain HTTP port, without a header. */
    static String plainGet(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            return exchange(s, path);
        }
    }

    private static String exchange(Socket s, String path) throws IOException {
        s.getOutputStream().write(ascii("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; out.size() < MAX_ANSWER && (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
