package dev.wharf.ftp.proxy;

import dev.wharf.ftp.support.ProxyHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding v1 and v2 headers byte by byte, bad headers, and the trusted ranges. */
class ProxyHeaderDecoderTest {
    @Test
    void everyPrefixOfAV2HeaderNeedsMoreAndTheWholeDecodes() throws Exception {
        byte[] header = ProxyHeaders.v2("203.0.113.7", 40000, 21);
        for (int n = 0; n < header.length; n++) {
            assertInstanceOf(ProxyHeaderDecoder.NeedMore.class, ProxyHeaderDecoder.decode(header, n), "at " + n);
        }
        var decoded = assertInstanceOf(ProxyHeaderDecoder.Decoded.class,
                ProxyHeaderDecoder.decode(header, header.length));
        assertEquals("203.0.113.7", decoded.header().source().orElseThrow().getAddress().getHostAddress());
        assertEquals(40000, decoded.header().source().orElseThrow().getPort());
        assertEquals(header.length, decoded.header().length());
    }

    @Test
    void v1AndLocalAndUnknown() {
        byte[] v1 = "PROXY TCP6 2001:db8::7 ::1 40000 21\r\nUSER".getBytes(StandardCharsets.US_ASCII);
        var d = assertInstanceOf(ProxyHeaderDecoder.Decoded.class, ProxyHeaderDecoder.decode(v1, v1.length));
        assertEquals(v1.length - 4, d.header().length());
        assertEquals("2001:db8:0:0:0:0:0:7", d.header().source().orElseThrow().getAddress().getHostAddress());
        byte[] local = ProxyHeaders.v2Local();
        assertTrue(assertInstanceOf(ProxyHeaderDecoder.Decoded.class,
                ProxyHeaderDecoder.decode(local, local.length)).header().local());
        byte[] unknown = "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertInstanceOf(ProxyHeaderDecoder.Decoded.class,
                ProxyHeaderDecoder.decode(unknown, unknown.length)).header().source().isEmpty());
    }

    @Test
    void badHeadersAndOrdinaryTraffic() {
        for (String bad : List.of("PROXY TCP4 example.com 127.0.0.1 1 2\r\n", "PROXY TCP4 ::1 ::1 1 2\r\n",
                "PROXY TCP4 1.2.3.4 1.2.3.4 99999 2\r\n")) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertInstanceOf(ProxyHeaderDecoder.Invalid.class, ProxyHeaderDecoder.decode(b, b.length), bad);
        }
        byte[] noEnd = ("PROXY TCP4 " + "1".repeat(120)).getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(ProxyHeaderDecoder.Invalid.class, ProxyHeaderDecoder.decode(noEnd, noEnd.length));
        byte[] user = "USER alice\r\n".getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(ProxyHeaderDecoder.NotAHeader.class, ProxyHeaderDecoder.decode(user, user.length));
        byte[] pwd = "PWD\r\n".getBytes(StandardCharsets.US_ASCII);
        assertFalse(ProxyHeaderDecoder.startsLikeHeader(pwd, pwd.length));
    }

    @Test
    void trustedRanges() throws Exception {
        TrustedProxies t = TrustedProxies.parse(List.of("10.1.0.0/16", " 192.0.2.9 ", "fd00::/8", ""));
        assertTrue(t.trusts(java.net.InetAddress.getByName("10.1.200.3")));
        assertFalse(t.trusts(java.net.InetAddress.getByName("10.2.0.1")));
        assertTrue(t.trusts(java.net.InetAddress.getByName("192.0.2.9")));
        assertFalse(t.trusts(java.net.InetAddress.getByName("192.0.2.10")));
        assertTrue(t.trusts(java.net.InetAddress.getByName("fd12::1")));
        assertTrue(TrustedProxies.parse(List.of()).isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse(List.of("lb.example.com/24")));
    }
}
