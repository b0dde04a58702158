package dev.wharf.ftp.proxy;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.ProxyHeaders;
import dev.wharf.ftp.support.TestFtpConfig;
import dev.wharf.ftp.support.TestFtpsClient;
import org.apache.commons.net.ftp.FTP;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PROXY protocol from a trusted balancer (loopback is trusted here): the header's address (203.0.113.7, a
 * documentation address that only appears inside headers) is the client for policy, audit and the data-connection
 * check; probes are quiet.
 */
class ProxyProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CLIENT = "203.0.113.7";
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture(TestFtpConfig.loopback().withProxyProtocol(List.of("127.0.0.0/8"), true));
        f.policy.allowPlainFtp(GatewayFixture.TENANT);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aV1HeaderMakesItsSourceTheClientForPolicyAndAudit() throws Exception {
        f.policy.ban("203.0.113.66");
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ProxyHeaders.v1("203.0.113.66", 40001, 21));
            BufferedReader in = reader(s);
            String refused = in.readLine();
            assertTrue(refused.startsWith("421 "), "policy saw the banned header address: " + refused);
        } finally {
            f.policy.unban("203.0.113.66");
        }
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ProxyHeaders.v1(CLIENT, 40002, 21));
            BufferedReader in = reader(s);
            assertTrue(in.readLine().startsWith("220 "));
            OutputStream out = s.getOutputStream();
            out.write("USER alice\r\nPASS correct horse\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("331"));
            assertTrue(in.readLine().startsWith("230"));
        }
        AuditEvent ok = f.audit.await(e -> e.type() == AuditType.LOGIN_SUCCEEDED && CLIENT.equals(e.clientAddress()),
                WAIT);
        assertEquals("alice", ok.user());
    }

    @Test
    void aV2HeaderSplitAcrossReadsWorks() throws Exception {
        byte[] header = ProxyHeaders.v2("203.0.113.8", 40003, 21);
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            for (int from = 0; from < header.length; from += 7) {
                out.write(header, from, Math.min(7, header.length - from));
                out.flush();
                // not synchronisation: spaces the pieces so that the server reads them separately
                LockSupport.parkNanos(Duration.ofMillis(30).toNanos());
            }
            BufferedReader in = reader(s);
            assertTrue(in.readLine().startsWith("220 "));
            out.write("USER bob\r\nPASS wrong\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("331"));
            assertTrue(in.readLine().startsWith("530"));
        }
        f.audit.await(e -> e.type() == AuditType.LOGIN_FAILED && "203.0.113.8".equals(e.clientAddress()), WAIT);
        // the close is audited after the socket closed: wait for it, or it lands in the next test's count
        f.audit.await(e -> e.type() == AuditType.SESSION_CLOSED && "203.0.113.8".equals(e.clientAddress()), WAIT);
    }

    @Test
    void implicitTlsAndPassiveDataConnectionsCarryTheHeaderToo() throws Exception {
        for (boolean implicit : new boolean[]{true, false}) {
            TestFtpsClient c = proxiedClient(implicit, CLIENT);
            try {
                byte[] content = ("through the balancer " + implicit).getBytes(StandardCharsets.UTF_8);
                try (Socket data = proxiedData(c, CLIENT)) {
                    assertEquals(150, c.sendCommand("STOR", "proxied.txt"), c.getReplyString());
                    try (Socket tls = tlsOver(data)) {
                        tls.getOutputStream().write(content);
                    }
                }
                assertTrue(c.completePendingCommand(), c.getReplyString());
                try (Socket data = proxiedData(c, CLIENT)) {
                    assertEquals(150, c.sendCommand("RETR", "proxied.txt"), c.getReplyString());
                    try (Socket tls = tlsOver(data)) {
                        assertArrayEquals(content, tls.getInputStream().readAllBytes());
                    }
                }
                assertTrue(c.completePendingCommand(), c.getReplyString());
            } finally {
                Clients.close(c);
            }
        }
        f.audit.await(e -> e.type() == AuditType.UPLOAD && CLIENT.equals(e.clientAddress()), WAIT);
    }

    @Test
    void aDataConnectionFromAnotherRealClientIsRefused() throws Exception {
        TestFtpsClient c = proxiedClient(false, CLIENT);
        try {
            // same balancer, but its header names another client: port theft through the balancer
            try (Socket data = proxiedData(c, "198.51.100.9")) {
                assertEquals(150, c.sendCommand("STOR", "stolen.txt"), c.getReplyString());
                assertFalse(c.completePendingCommand());
                assertEquals(425, c.getReplyCode(), c.getReplyString());
            }
        } finally {
            Clients.close(c);
        }
        assertFalse(f.storage.exists(GatewayFixture.TENANT, "/alice/stolen.txt"));
    }

    /** Logged in through the "balancer" (every connection starts with a v2 header), PROT P. */
    private static TestFtpsClient proxiedClient(boolean implicit, String client) throws IOException {
        TestFtpsClient c = new TestFtpsClient(implicit);
        c.setTrustManager(f.tls.trustManager());
        c.setSocketFactory(ProxyHeaders.factory(client));
        c.setDefaultTimeout(30_000);
        c.connect("127.0.0.1", implicit ? f.implicitPort() : f.explicitPort());
        assertTrue(c.login("alice", GatewayFixture.PASSWORD), c.getReplyString());
        c.execPBSZ(0);
        c.execPROT("P");
        c.setFileType(FTP.BINARY_FILE_TYPE);
        return c;
    }

    /** EPSV, then a connection to the passive port that starts with a v2 header naming {@code client}. */
    private static Socket proxiedData(TestFtpsClient c, String client) throws IOException {
        assertEquals(229, c.epsv(), c.getReplyString());
        String reply = c.getReplyString();
        int port = Integer.parseInt(reply.substring(reply.indexOf("(|||") + 4, reply.lastIndexOf("|)")));
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(ProxyHeaders.v2(client, s.getLocalPort(), port));
        return s;
    }

    private static Socket tlsOver(Socket raw) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{f.tls.trustManager()}, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        return tls;
    }

    @Test
    void aLocalProbeGetsABareGreetingAndLeavesNoTrace() throws Exception {
        int before = f.audit.events().size();
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ProxyHeaders.v2Local());
            BufferedReader in = reader(s);
            assertEquals("220 Health check OK.", in.readLine());
            assertNull(in.readLine(), "closed after the probe's greeting");
        }
        // a TCP probe: connect and close without a byte
        new Socket("127.0.0.1", f.explicitPort()).close();
        try (Socket s = new Socket("127.0.0.1", f.implicitPort())) {
            s.getOutputStream().write(ProxyHeaders.v2Local());
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "implicit port: closed without a reply");
        }
        assertEquals(before, f.audit.events().size(), "no audit event for probes: " + f.audit.events());
    }

    @Test
    void aTrustedPeerWithoutHeaderIsClosedWithoutGreeting() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("USER alice\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, s.getInputStream().read(), "no greeting, closed");
        }
        try (Socket s = new Socket("127.0.0.1", f.explicitPort())) {
            s.setSoTimeout(10_000);
            // silent: closed after the header timeout (2 s in tests)
            assertEquals(-1, s.getInputStream().read(), "closed after the header timeout");
        }
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsRefusedAndAudited() throws Exception {
        try (GatewayFixture other = new GatewayFixture(TestFtpConfig.loopback()
                .withProxyProtocol(List.of("192.0.2.0/24"), true))) {
            try (Socket s = new Socket("127.0.0.1", other.explicitPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(ProxyHeaders.v1(CLIENT, 40004, 21));
                BufferedReader in = reader(s);
                // the refusal may overtake the greeting (the connection is greeted before its first bytes are read)
                List<String> lines = new java.util.ArrayList<>();
                for (String line = in.readLine(); line != null && lines.size() < 5; line = in.readLine()) {
                    lines.add(line);
                }
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(
                        "421 PROXY protocol header from an address that is not a trusted proxy")), lines.toString());
            }
            AuditEvent denied = other.audit.await(e -> e.type() == AuditType.POLICY_DENIED, WAIT);
            assertEquals("bad_request", denied.reason());
            assertEquals("127.0.0.1", denied.clientAddress());
            // an ordinary client from that peer still works
            try (Socket s = new Socket("127.0.0.1", other.explicitPort())) {
                s.setSoTimeout(10_000);
                BufferedReader in = reader(s);
                assertTrue(in.readLine().startsWith("220 "));
                s.getOutputStream().write("PWD\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(in.readLine().startsWith("530"));
            }
        }
    }

    @Test
    void thePerAddressCapCountsHeaderAddressesAndAnOptionalHeaderMayBeMissing() throws Exception {
        try (GatewayFixture capped = new GatewayFixture(TestFtpConfig.loopback()
                .withProxyProtocol(List.of("127.0.0.1"), false).withConnectionLimits(0, 1))) {
            try (Socket a = greeted(capped, ProxyHeaders.v1("203.0.113.20", 40010, 21));
                 Socket b = greeted(capped, ProxyHeaders.v2("203.0.113.21", 40011, 21))) {
                // same balancer, two clients: each has its own slot; a second connection of one client has none
                try (Socket c = new Socket("127.0.0.1", capped.explicitPort())) {
                    c.setSoTimeout(10_000);
                    c.getOutputStream().write(ProxyHeaders.v1("203.0.113.20", 40012, 21));
                    String refused = reader(c).readLine();
                    assertTrue(refused.startsWith("421 Too many connections from your address"), refused);
                }
                // required=false: a trusted peer without header is served under its own address after the wait
                try (Socket d = new Socket("127.0.0.1", capped.explicitPort())) {
                    d.setSoTimeout(10_000);
                    assertTrue(reader(d).readLine().startsWith("220 "), "greeted after the header timeout");
                }
            }
        }
    }

    /** Connects through the "balancer" with {@code header} and reads the greeting. */
    private static Socket greeted(GatewayFixture gateway, byte[] header) throws IOException {
        Socket s = new Socket("127.0.0.1", gateway.explicitPort());
        s.setSoTimeout(10_000);
        s.getOutputStream().write(header);
        String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertTrue(greeting != null && greeting.startsWith("220 "), String.valueOf(greeting));
        return s;
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    }
}
