package dev.wharf.sftp.proxy;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import dev.wharf.sftp.testing.OpenSsh;
import dev.wharf.sftp.testing.Poll;
import dev.wharf.sftp.testing.TcpRelay;
import dev.wharf.sftp.testing.TestConfig;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PROXY protocol end to end: a relay on loopback plays the balancer. Gateway {@code proxied} trusts loopback and
 * requires a header; gateway {@code direct} trusts only 10.0.0.0/8 (so loopback headers are untrusted) and maps
 * its own local address to a tenant. Header addresses (203.0.113.x, 198.51.100.x) are values, never contacted.
 */
class ProxyProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path keys;
    @TempDir
    static Path work;
    static GatewayFixture proxied;
    static GatewayFixture direct;
    static MinaClient mina;

    @BeforeAll
    static void start() throws IOException {
        proxied = new GatewayFixture(new TestConfig(keys.toString()).withProxyProtocol(true, "127.0.0.1/32")
                .withTenantAddresses("198.51.100.10=acme"));
        direct = new GatewayFixture(new TestConfig(keys.toString()).withProxyProtocol(true, "10.0.0.0/8")
                .withTenantAddresses("127.0.0.1=acme"));
        for (GatewayFixture fx : new GatewayFixture[]{proxied, direct}) {
            fx.identity.addUser("acme", "carol", PASSWORD, "/carol");
            fx.storage.folder("acme", "/carol");
        }
        mina = new MinaClient();
    }

    @AfterAll
    static void stop() {
        mina.close();
        proxied.close();
        direct.close();
    }

    private static void roundTrip(int port, String user) throws IOException {
        try (SftpClient sftp = mina.sftp(port, user, PASSWORD)) {
            try (OutputStream out = sftp.write("hello.txt")) {
                out.write("through the balancer".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = sftp.read("hello.txt")) {
                assertEquals("through the balancer", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void v1HeaderMakesItsSourceTheClientAddress() throws IOException {
        try (TcpRelay relay = new TcpRelay(proxied.port(),
                TcpRelay.whole(TcpRelay.v1("203.0.113.7", 50123, "198.51.100.99", 22)))) {
            roundTrip(relay.port(), "alice");
        }
        AuditEvent ok = proxied.audit.await(AuditType.LOGIN_SUCCEEDED,
                e -> "203.0.113.7".equals(e.clientAddress()), WAIT).orElseThrow();
        assertEquals("demo", ok.tenant(), "198.51.100.99 names no tenant: the default applies");
        assertTrue(proxied.audit.await(AuditType.UPLOAD, e -> "203.0.113.7".equals(e.clientAddress()), WAIT)
                .isPresent());
        assertTrue(proxied.policy.connectAddresses.contains("203.0.113.7"), "policy decides on the real address");
    }

    @Test
    void v2HeaderSplitAcrossReadsAndItsDestinationNamesTheTenant() throws IOException {
        byte[] header = TcpRelay.v2("203.0.113.8", 40000, "198.51.100.10", 22);
        try (TcpRelay relay = new TcpRelay(proxied.port(), TcpRelay.split(header, 14))) {
            roundTrip(relay.port(), "carol");
        }
        AuditEvent ok = proxied.audit.await(AuditType.LOGIN_SUCCEEDED,
                e -> "203.0.113.8".equals(e.clientAddress()), WAIT).orElseThrow();
        assertEquals("acme", ok.tenant());
        assertEquals("carol", ok.user());
    }

    @Test
    void hostQualifiedNameRanksBeforeTheDestinationTenant() throws IOException {
        byte[] header = TcpRelay.v2("203.0.113.12", 40000, "198.51.100.10", 22);
        try (TcpRelay relay = new TcpRelay(proxied.port(), TcpRelay.whole(header))) {
            roundTrip(relay.port(), "bob@demo.files.example.test");
        }
        AuditEvent ok = proxied.audit.await(AuditType.LOGIN_SUCCEEDED,
                e -> "203.0.113.12".equals(e.clientAddress()), WAIT).orElseThrow();
        assertEquals("demo", ok.tenant());
    }

    @Test
    void aBannedClientBehindTheBalancerIsRefusedOnItsOwnAddress() throws IOException {
        proxied.policy.refuseAddress("203.0.113.66", dev.wharf.core.Reason.ADDRESS_BANNED);
        try (TcpRelay banned = new TcpRelay(proxied.port(),
                TcpRelay.whole(TcpRelay.v1("203.0.113.66", 1, "198.51.100.99", 22)));
             TcpRelay other = new TcpRelay(proxied.port(),
                     TcpRelay.whole(TcpRelay.v1("203.0.113.67", 1, "198.51.100.99", 22)))) {
            assertThrows(IOException.class, () -> mina.login(banned.port(), "alice", PASSWORD));
            mina.login(other.port(), "alice", PASSWORD).close(true); // the balancer's address is not banned
        } finally {
            proxied.policy.refuseAddress("203.0.113.66", null);
        }
        AuditEvent denied = proxied.audit.await(AuditType.POLICY_DENIED,
                e -> "203.0.113.66".equals(e.clientAddress()), WAIT).orElseThrow();
        assertEquals("address_banned", denied.reason());
        assertEquals("sftp", denied.protocol());
        assertEquals("connect", denied.data().get("stage"));
    }

    @Test
    void trustedPeerWithoutHeaderIsClosedWhenHeadersAreRequired() {
        // an earlier test's session may still be closing: its late SESSION_CLOSED is not this connection's trail
        Set<String> earlierSessions = new HashSet<>();
        proxied.audit.events().forEach(e -> earlierSessions.add(e.sessionId()));
        assertThrows(IOException.class, () -> mina.login(proxied.port(), "alice", PASSWORD));
        assertTrue(Poll.isTrue(WAIT, () -> proxied.gateway.startups() == 0));
        List<AuditEvent> fresh = proxied.audit.events().stream()
                .filter(e -> !earlierSessions.contains(e.sessionId())).toList();
        assertTrue(fresh.isEmpty(), () -> "no session, no audit trail: " + fresh);
    }

    @Test
    void headerFromAnUntrustedPeerIsClosed() throws IOException {
        try (TcpRelay relay = new TcpRelay(direct.port(),
                TcpRelay.whole(TcpRelay.v1("203.0.113.66", 1, "198.51.100.10", 22)))) {
            assertThrows(IOException.class, () -> mina.login(relay.port(), "alice", PASSWORD));
        }
        assertTrue(direct.audit.events().stream().noneMatch(e -> "203.0.113.66".equals(e.clientAddress())));
        assertTrue(direct.policy.connectAddresses.stream().noneMatch("203.0.113.66"::equals));
    }

    @Test
    void localAddressNamesTheTenantWithoutAHeader() throws IOException {
        roundTrip(direct.port(), "carol");
        AuditEvent ok = direct.audit.await(AuditType.LOGIN_SUCCEEDED, e -> "carol".equals(e.user()), WAIT)
                .orElseThrow();
        assertEquals("acme", ok.tenant());
        assertEquals("127.0.0.1", ok.clientAddress());
    }

    @Test
    void balancerHealthProbesLeaveNoTrace() throws IOException {
        int opened = proxied.audit.ofType(AuditType.SESSION_OPENED).size();
        int connects = proxied.policy.connectAddresses.size();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r.getLoggerName() + ": " + r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(recorder);
        try {
            probe();
        } finally {
            Logger.getLogger("").removeHandler(recorder);
        }
        assertTrue(warnings.isEmpty(), () -> "probes logged warnings: " + warnings);
        // a LOCAL header followed by a real session is the balancer's own connection: it logs in as itself
        try (TcpRelay relay = new TcpRelay(proxied.port(), TcpRelay.whole(TcpRelay.v2Local()))) {
            roundTrip(relay.port(), "bob");
        }
        assertTrue(proxied.audit.await(AuditType.SESSION_CLOSED, e -> "bob".equals(e.user())
                && "127.0.0.1".equals(e.clientAddress()), WAIT).isPresent());
        assertEquals(opened + 1, proxied.audit.ofType(AuditType.SESSION_OPENED).size(), "only the real session");
        // the real session's connect check and its tenant's site check; the probes none
        assertEquals(connects + 2, proxied.policy.connectAddresses.size(), "probes reach no policy check");
        assertTrue(Poll.isTrue(WAIT, () -> proxied.gateway.startups() == 0 && proxied.gateway.metrics().openSessions() == 0));
    }

    /** Probes as balancers send them: connect and close, with a LOCAL or UNKNOWN header, politely or with a reset. */
    private static void probe() throws IOException {
        for (byte[] probe : new byte[][]{new byte[0], TcpRelay.v2Local(),
                "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII)}) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxied.port())) {
                s.getOutputStream().write(probe);
                s.getOutputStream().flush();
                s.shutdownOutput();
                // the gateway greets every connection: reading its identification proves the probe got through
                byte[] greeting = s.getInputStream().readNBytes(8);
                assertEquals("SSH-2.0-", new String(greeting, StandardCharsets.US_ASCII));
            }
        }
        // closed without reading the greeting: the kernel answers with a reset
        for (byte[] probe : new byte[][]{new byte[0], TcpRelay.v2Local()}) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), proxied.port());
            s.getOutputStream().write(probe);
            s.setSoLinger(true, 0);
            s.close();
        }
        // the resets reach the gateway asynchronously: wait until it has closed those connections
        assertTrue(Poll.isTrue(WAIT, () -> proxied.gateway.startups() == 0));
    }

    @Test
    void openSshSftpThroughTheBalancer() throws Exception {
        OpenSsh.require();
        Files.writeString(work.resolve("o.txt"), "openssh via proxy");
        try (TcpRelay relay = new TcpRelay(proxied.port(),
                TcpRelay.whole(TcpRelay.v2("203.0.113.9", 41000, "198.51.100.10", 22)))) {
            OpenSsh.Result r = OpenSsh.sftp(relay.port(), "carol", PASSWORD, work, "put o.txt", "ls -l o.txt");
            assertEquals(0, r.exit(), r::all);
        }
        AuditEvent up = proxied.audit.await(AuditType.UPLOAD, e -> "203.0.113.9".equals(e.clientAddress()), WAIT)
                .orElseThrow();
        assertEquals("acme", up.tenant());
    }
}
