package dev.wharf.edge.proxy;

import dev.wharf.core.Reason;
import dev.wharf.edge.Refusal;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.wharf.edge.proxy.TrustedProxies.Verdict.HEALTH_PROBE;
import static dev.wharf.edge.proxy.TrustedProxies.Verdict.REFUSE_INVALID;
import static dev.wharf.edge.proxy.TrustedProxies.Verdict.REFUSE_MISSING;
import static dev.wharf.edge.proxy.TrustedProxies.Verdict.REFUSE_UNTRUSTED;
import static dev.wharf.edge.proxy.TrustedProxies.Verdict.SERVE_CLIENT;
import static dev.wharf.edge.proxy.TrustedProxies.Verdict.SERVE_PEER;
import static dev.wharf.edge.proxy.TrustedProxies.Verdict.SERVE_PEER_AFTER_HEADER;
import static dev.wharf.edge.proxy.TrustedProxies.Verdict.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whose headers are believed, and the one decision every transport takes on a connection's first bytes. */
class TrustedProxiesTest {
    private static final Duration T = Duration.ofSeconds(5);

    private static ProxyHeaderDecoder.Result decode(byte[] b) {
        return ProxyHeaderDecoder.decode(b, b.length);
    }

    @Test
    void trustedRanges() throws Exception {
        TrustedProxies t = TrustedProxies.parse(List.of("10.1.0.0/16", " 192.0.2.9 ", "fd00::/8", ""), "k", true, T);
        assertTrue(t.enabled());
        assertTrue(t.trusts(InetAddress.getByName("10.1.200.3")));
        assertFalse(t.trusts(InetAddress.getByName("10.2.0.1")));
        assertTrue(t.trusts(new InetSocketAddress(InetAddress.getByName("192.0.2.9"), 1)));
        assertTrue(t.trusts(InetAddress.getByName("::ffff:10.1.0.1")), "a balancer on a dual-stack socket");
        assertTrue(t.trusts(InetAddress.getByName("fd12::1")));
        assertFalse(TrustedProxies.parse(List.of(), "k", true, T).enabled());
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse(List.of("lb.example.com/24"), "wharf.sftp.proxy-protocol.trusted-cidrs",
                        true, T));
        assertTrue(e.getMessage().contains("wharf.sftp.proxy-protocol.trusted-cidrs"), e.getMessage());
    }

    @Test
    void verdicts() throws Exception {
        TrustedProxies required = TrustedProxies.parse(List.of("127.0.0.0/8"), "k", true, T);
        TrustedProxies optional = TrustedProxies.parse(List.of("127.0.0.0/8"), "k", false, T);
        byte[] header = Headers.v2("203.0.113.7", 1, "198.51.100.1", 22);
        byte[] ssh = "SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(SERVE_CLIENT, required.judge(true, decode(header)));
        assertEquals(REFUSE_UNTRUSTED, required.judge(false, decode(header)));
        assertEquals(WAIT, required.judge(true, ProxyHeaderDecoder.decode(header, 5)));
        assertEquals(REFUSE_MISSING, required.judge(true, decode(ssh)));
        assertEquals(SERVE_PEER, optional.judge(true, decode(ssh)));
        assertEquals(SERVE_PEER, required.judge(false, decode(ssh)));
        assertEquals(HEALTH_PROBE, required.judge(true, decode(Headers.v2Local())));
        assertEquals(REFUSE_UNTRUSTED, required.judge(false, decode(Headers.v2Local())));
        assertEquals(SERVE_PEER_AFTER_HEADER,
                required.judge(true, decode("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(REFUSE_INVALID, optional.judge(true, decode("PROXY TCP4 x\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(REFUSE_INVALID.refused() && REFUSE_MISSING.refused() && !SERVE_PEER.refused());
    }

    @Test
    void refusalsCarryTheProxyStageAndBadRequest() {
        byte[] bad = "PROXY TCP4 x\r\n".getBytes(StandardCharsets.US_ASCII);
        for (TrustedProxies.Verdict v : List.of(REFUSE_MISSING, REFUSE_UNTRUSTED, REFUSE_INVALID)) {
            Refusal r = TrustedProxies.refusal(v, decode(bad));
            assertEquals(Refusal.Stage.PROXY_PROTOCOL, r.stage());
            assertEquals("proxy-protocol", r.stage().code());
            assertEquals(Reason.BAD_REQUEST, r.reason());
        }
        assertEquals("Invalid PROXY protocol header: malformed v1 header.",
                TrustedProxies.refusal(REFUSE_INVALID, decode(bad)).message());
        assertEquals("proxy_header_untrusted", TrustedProxies.refusal(REFUSE_UNTRUSTED, null).cause());
        assertNull(TrustedProxies.refusal(SERVE_CLIENT, null));
    }
}
