package dev.wharf.edge.proxy;

import dev.wharf.core.Reason;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.wharf.edge.proxy.Headers.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** v1 and v2 headers, whole, split at every byte, at an offset, malformed, and ordinary traffic. */
class ProxyHeaderDecoderTest {
    private static final byte[] SSH = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);

    private static ProxyHeader decoded(byte[] data) {
        return assertInstanceOf(ProxyHeaderDecoder.Decoded.class, ProxyHeaderDecoder.decode(data, data.length))
                .header();
    }

    private static void invalid(byte[] data) {
        var r = assertInstanceOf(ProxyHeaderDecoder.Invalid.class, ProxyHeaderDecoder.decode(data, data.length),
                new String(data, StandardCharsets.US_ASCII));
        assertEquals(Reason.BAD_REQUEST, r.reason());
    }

    @Test
    void v1GivesSourceDestinationAndLength() {
        byte[] h = Headers.v1("203.0.113.7", 50123, "198.51.100.10", 22);
        ProxyHeader p = decoded(concat(h, SSH));
        assertEquals("203.0.113.7", p.source().getAddress().getHostAddress());
        assertEquals(50123, p.source().getPort());
        assertEquals("198.51.100.10", p.destination().getAddress().getHostAddress());
        assertEquals(22, p.destination().getPort());
        assertEquals(h.length, p.length());
        assertFalse(p.local());
    }

    @Test
    void v1Tcp6AndUnknown() throws Exception {
        byte[] v1 = "PROXY TCP6 2001:db8::7 ::1 40000 21\r\nUSER".getBytes(StandardCharsets.US_ASCII);
        ProxyHeader p = decoded(v1);
        assertEquals(v1.length - 4, p.length());
        assertEquals(InetAddress.getByName("2001:db8::7"), p.source().getAddress());
        ProxyHeader unknown = decoded("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII));
        assertNull(unknown.source());
        assertFalse(unknown.local(), "UNKNOWN is served under the socket's peer, not a health probe");
        ProxyHeader mapped = decoded("PROXY TCP6 ::ffff:192.0.2.1 ::1 1 2\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("192.0.2.1", mapped.source().getAddress().getHostAddress());
    }

    @Test
    void v2GivesAddressesAndSkipsTlvs() throws Exception {
        byte[] h = Headers.v2("203.0.113.7", 50123, "198.51.100.10", 22);
        ProxyHeader p = decoded(concat(h, SSH));
        assertEquals("203.0.113.7", p.source().getAddress().getHostAddress());
        assertEquals("198.51.100.10", p.destination().getAddress().getHostAddress());
        assertEquals(22, p.destination().getPort());
        assertEquals(h.length, p.length());
    }

    @Test
    void v2OverIpv6() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + 36);
        b.put(ProxyHeaderDecoder.V2_SIGNATURE).put((byte) 0x21).put((byte) 0x21).putShort((short) 36);
        b.put(InetAddress.getByName("2001:db8::7").getAddress()).put(InetAddress.getByName("2001:db8::1").getAddress());
        b.putShort((short) 50000).putShort((short) 22);
        ProxyHeader p = decoded(b.array());
        assertEquals(InetAddress.getByName("2001:db8::7"), p.source().getAddress());
        assertEquals(50000, p.source().getPort());
        assertEquals(InetAddress.getByName("2001:db8::1"), p.destination().getAddress());
        byte[] truncated = Arrays.copyOf(b.array(), 16 + 20);
        truncated[15] = 20; // claims 20 bytes: too short for two IPv6 addresses
        invalid(truncated);
    }

    @Test
    void v2LocalIsTheBalancerItselfAndOtherFamiliesHaveNoClient() {
        ProxyHeader local = decoded(Headers.v2Local());
        assertTrue(local.local());
        assertEquals(16, local.length());
        byte[] udp = Headers.v2Local();
        udp[12] = 0x21;
        udp[13] = 0x12;
        ProxyHeader p = decoded(udp);
        assertFalse(p.local());
        assertNull(p.source(), "UDP carries no TCP client: the socket's peer is served");
    }

    @Test
    void everyPrefixOfAHeaderNeedsMore() throws Exception {
        for (byte[] h : List.of(Headers.v2("203.0.113.7", 1, "198.51.100.10", 22),
                Headers.v1("203.0.113.7", 1, "198.51.100.10", 22))) {
            for (int n = 0; n < h.length; n++) {
                var more = assertInstanceOf(ProxyHeaderDecoder.NeedMore.class, ProxyHeaderDecoder.decode(h, n),
                        "prefix of " + n);
                assertTrue(more.atLeast() > n && more.atLeast() <= h.length, "asks for " + more.atLeast());
            }
            assertEquals(h.length, decoded(h).length());
        }
    }

    @Test
    void decodesAtAnOffset() throws Exception {
        byte[] h = concat(new byte[]{9, 9, 9}, Headers.v2("203.0.113.7", 1, "198.51.100.10", 22));
        var r = ProxyHeaderDecoder.decode(h, 3, h.length - 3);
        assertEquals("203.0.113.7", assertInstanceOf(ProxyHeaderDecoder.Decoded.class, r).header().source()
                .getAddress().getHostAddress());
    }

    @Test
    void ordinaryTrafficIsAbsent() {
        assertInstanceOf(ProxyHeaderDecoder.Absent.class, ProxyHeaderDecoder.decode(SSH, SSH.length));
        assertInstanceOf(ProxyHeaderDecoder.Absent.class, ProxyHeaderDecoder.decode(SSH, 1));
        byte[] user = "USER alice\r\n".getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(ProxyHeaderDecoder.Absent.class, ProxyHeaderDecoder.decode(user, user.length));
        byte[] pwd = "PWD\r\n".getBytes(StandardCharsets.US_ASCII);
        assertFalse(ProxyHeaderDecoder.startsLikeHeader(pwd, pwd.length));
        byte[] pro = "PRO".getBytes(StandardCharsets.US_ASCII);
        assertTrue(ProxyHeaderDecoder.startsLikeHeader(pro, pro.length), "could still become a header");
    }

    @Test
    void malformedHeadersAreInvalidWithAReason() {
        for (String bad : List.of("PROXY TCP4 203.0.113.7 198.51.100.10 1\r\n",
                "PROXY TCP4 example.com 198.51.100.10 1 2\r\n", "PROXY TCP4 ::1 ::1 1 2\r\n",
                "PROXY TCP6 1.2.3.4 1.2.3.4 1 2\r\n", "PROXY TCP4 1.2.3.4 1.2.3.4 99999 2\r\n",
                "PROXY TCP4 1.2.3.999 1.2.3.4 1 2\r\n", "PROXY TCP4 10.1 1.2.3.4 1 2\r\n",
                "PROXY TCP4 " + "1".repeat(120))) {
            invalid(bad.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] v3 = Headers.v2Local();
        v3[12] = 0x30;
        invalid(v3);
        byte[] command = Headers.v2Local();
        command[12] = 0x22;
        invalid(command);
        byte[] huge = Headers.v2Local();
        huge[14] = (byte) 0xff;
        invalid(huge);
    }

    @Test
    void theLargestAcceptedV2HeaderDecodes() {
        ByteBuffer b = ByteBuffer.allocate(16 + ProxyHeaderDecoder.V2_MAX_PAYLOAD);
        b.put(ProxyHeaderDecoder.V2_SIGNATURE).put((byte) 0x21).put((byte) 0)
                .putShort((short) ProxyHeaderDecoder.V2_MAX_PAYLOAD);
        assertEquals(16 + ProxyHeaderDecoder.V2_MAX_PAYLOAD, decoded(b.array()).length());
    }
}
