package dev.wharf.sftp.proxy;

import dev.wharf.sftp.testing.TcpRelay;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyHeaderTest {
    private static final byte[] SSH = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static ProxyHeader complete(byte[] data) throws Exception {
        return assertInstanceOf(ProxyHeader.Complete.class, ProxyHeader.parse(data, 0, data.length)).header();
    }

    @Test
    void v1GivesSourceDestinationAndLength() throws Exception {
        byte[] h = TcpRelay.v1("203.0.113.7", 50123, "198.51.100.10", 22);
        ProxyHeader p = complete(concat(h, SSH));
        assertEquals("203.0.113.7", p.source().getAddress().getHostAddress());
        assertEquals(50123, p.source().getPort());
        assertEquals("198.51.100.10", p.destination().getAddress().getHostAddress());
        assertEquals(h.length, p.length());
    }

    @Test
    void v1Tcp6AndUnknown() throws Exception {
        byte[] h = "PROXY TCP6 2001:db8::7 2001:db8::1 4000 22\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(InetAddress.getByName("2001:db8::7"), complete(h).source().getAddress());
        ProxyHeader unknown = complete("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(unknown.local());
        assertNull(unknown.destination());
    }

    @Test
    void v2GivesAddressesAndSkipsTlvs() throws Exception {
        byte[] h = TcpRelay.v2("203.0.113.7", 50123, "198.51.100.10", 22);
        ProxyHeader p = complete(concat(h, SSH));
        assertEquals("203.0.113.7", p.source().getAddress().getHostAddress());
        assertEquals("198.51.100.10", p.destination().getAddress().getHostAddress());
        assertEquals(22, p.destination().getPort());
        assertEquals(h.length, p.length());
    }

    @Test
    void v2OverIpv6() throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + 36);
        b.put(ProxyHeader.V2_SIGNATURE).put((byte) 0x21).put((byte) 0x21).putShort((short) 36);
        b.put(InetAddress.getByName("2001:db8::7").getAddress()).put(InetAddress.getByName("2001:db8::1").getAddress());
        b.putShort((short) 50000).putShort((short) 22);
        ProxyHeader p = complete(b.array());
        assertEquals(InetAddress.getByName("2001:db8::7"), p.source().getAddress());
        assertEquals(50000, p.source().getPort());
        assertEquals(InetAddress.getByName("2001:db8::1"), p.destination().getAddress());
        byte[] truncated = Arrays.copyOf(b.array(), 16 + 20);
        truncated[15] = 20; // claims 20 bytes: too short for two IPv6 addresses
        assertThrows(ProxyHeader.InvalidHeaderException.class, () -> ProxyHeader.parse(truncated, 0, truncated.length));
    }

    @Test
    void v2LocalIsTheBalancerItself() throws Exception {
        ProxyHeader p = complete(TcpRelay.v2Local());
        assertTrue(p.local());
        assertEquals(16, p.length());
    }

    @Test
    void everyPrefixOfAHeaderAsksForMore() throws Exception {
        for (byte[] h : new byte[][]{TcpRelay.v2("203.0.113.7", 1, "198.51.100.10", 22),
                TcpRelay.v1("203.0.113.7", 1, "198.51.100.10", 22)}) {
            for (int n = 1; n < h.length; n++) {
                assertInstanceOf(ProxyHeader.Incomplete.class, ProxyHeader.parse(h, 0, n), "prefix of " + n);
            }
            assertEquals(h.length, complete(h).length());
        }
    }

    @Test
    void parsesAtAnOffset() throws Exception {
        byte[] h = concat(new byte[]{9, 9, 9}, TcpRelay.v2("203.0.113.7", 1, "198.51.100.10", 22));
        ProxyHeader.Result r = ProxyHeader.parse(h, 3, h.length - 3);
        assertEquals("203.0.113.7", assertInstanceOf(ProxyHeader.Complete.class, r).header().source().getAddress()
                .getHostAddress());
    }

    @Test
    void sshWithoutHeaderIsAbsent() throws Exception {
        assertInstanceOf(ProxyHeader.Absent.class, ProxyHeader.parse(SSH, 0, SSH.length));
        assertInstanceOf(ProxyHeader.Absent.class, ProxyHeader.parse(SSH, 0, 1));
    }

    @Test
    void malformedHeadersAreRefused() {
        byte[][] bad = {
                "PROXY TCP4 203.0.113.7 198.51.100.10 1\r\n".getBytes(StandardCharsets.US_ASCII),
                "PROXY TCP4 example.com 198.51.100.10 1 2\r\n".getBytes(StandardCharsets.US_ASCII),
                "PROXY TCP4 203.0.113.7 198.51.100.10 1 99999\r\n".getBytes(StandardCharsets.US_ASCII),
                ("PROXY TCP4 " + "1".repeat(120)).getBytes(StandardCharsets.US_ASCII),
        };
        for (byte[] b : bad) {
            assertThrows(ProxyHeader.InvalidHeaderException.class, () -> ProxyHeader.parse(b, 0, b.length),
                    new String(b, StandardCharsets.US_ASCII));
        }
        byte[] v3 = TcpRelay.v2Local();
        v3[12] = 0x30;
        assertThrows(ProxyHeader.InvalidHeaderException.class, () -> ProxyHeader.parse(v3, 0, v3.length));
        byte[] huge = TcpRelay.v2Local();
        huge[14] = (byte) 0xff;
        assertThrows(ProxyHeader.InvalidHeaderException.class, () -> ProxyHeader.parse(huge, 0, huge.length));
        byte[] udp = TcpRelay.v2Local();
        udp[12] = 0x21;
        udp[13] = 0x12;
        assertThrows(ProxyHeader.InvalidHeaderException.class, () -> ProxyHeader.parse(udp, 0, udp.length));
    }

    @Test
    void cidrRanges() throws IOException {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.contains(InetAddress.getByName("10.200.3.4")));
        assertFalse(ten.contains(InetAddress.getByName("11.0.0.1")));
        assertFalse(ten.contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("balancer.example.com"));
    }
}
