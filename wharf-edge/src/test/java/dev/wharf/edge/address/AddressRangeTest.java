package dev.wharf.edge.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one strict address and range syntax every gateway and service shares. */
class AddressRangeTest {
    private static boolean in(String range, String address) {
        return AddressRange.parse(range).contains(Addresses.parse(address));
    }

    @Test
    void ipv4RangesAndSingleAddresses() {
        assertTrue(in("192.0.2.0/24", "192.0.2.200"));
        assertFalse(in("192.0.2.0/24", "192.0.3.1"));
        assertTrue(in("198.51.100.7", "198.51.100.7"));
        assertFalse(in("198.51.100.7", "198.51.100.8"));
        assertTrue(in("0.0.0.0/0", "203.0.113.9"));
        assertFalse(in("0.0.0.0/0", "2001:db8::1"), "an IPv4 range never holds IPv6");
        assertTrue(in("10.1.0.0/16", "10.1.200.3"));
        assertFalse(in("10.1.0.0/16", "10.2.0.1"));
    }

    @Test
    void hostBitsBelowThePrefixAreIgnored() {
        assertEquals(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("10.1.2.3/8"));
        assertTrue(in("10.1.2.3/8", "10.200.0.1"));
        assertEquals("10.0.0.0/8", AddressRange.parse(" 10.9.9.9/8 ").toString());
    }

    @Test
    void ipv6Ranges() {
        assertTrue(in("2001:db8:abcd::/48", "2001:db8:abcd:1::5"));
        assertFalse(in("2001:db8:abcd::/48", "2001:db8:abce::1"));
        assertTrue(in("fd00::/8", "fd12::1"));
        assertTrue(in("::/0", "::1"));
        assertFalse(in("::/0", "192.0.2.1"), "IPv4 clients are matched by IPv4 ranges only");
        assertTrue(in("2001:DB8::1", "2001:db8:0:0::1"));
    }

    @Test
    void ipv4MappedIpv6IsIpv4() {
        assertTrue(in("192.0.2.0/24", "::ffff:192.0.2.9"));
        assertTrue(in("192.0.2.0/24", "::ffff:c000:209"));
        assertTrue(in("::ffff:192.0.2.0/120", "192.0.2.9"));
        assertFalse(in("::ffff:192.0.2.0/120", "192.0.3.9"));
        assertEquals("10.0.0.0/8", AddressRange.parse("::ffff:10.0.0.0/104").toString());
        assertFalse(in("192.0.2.0/24", "::c000:209"), "IPv4-compatible (deprecated) is not mapped");
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("::ffff:10.0.0.0/80"));
    }

    /** The {@code 10.1} rule: short, octal, hex and wildcard IPv4 forms are refused, never read as inet_aton would. */
    @ParameterizedTest
    @ValueSource(strings = {"10.1", "10.1/16", "10", "10.0.0", "010.0.0.1", "0x0a.0.0.1", "10.0.0.1.", "10.*",
            "10.0-3.0.0", "256.0.0.1", "1.2.3.4/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/-1",
            "10.0.0.0/8/8", "lb.example.com", "localhost", "fe80::1%eth0", "", "::ffff:10.0.0.0/80",
            "1.2.3.4 /8", "10.0.0.0/0008", "1::2::3", "::ffff:999.0.0.1", "[::1]", "::1]"})
    void malformedRangesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text), text);
        assertFalse(AddressRanges.isRange(text), text);
    }

    @Test
    void clientAddresses() {
        assertEquals("fe80:0:0:0:0:0:0:1", Addresses.parse("fe80::1%eth0").getHostAddress(), "zone dropped");
        assertEquals("192.0.2.10", Addresses.parse("::ffff:192.0.2.10").getHostAddress());
        assertFalse(Addresses.isAddress("10.1"));
        assertFalse(Addresses.isAddress("example.com"));
        assertFalse(Addresses.isAddress(null));
        var e = assertThrows(IllegalArgumentException.class, () -> Addresses.parse("evil\r\nINJECTED"));
        assertFalse(e.getMessage().contains("\r") || e.getMessage().contains("\n"), "no control characters echoed");
    }

    @Test
    void foldTurnsMappedBytesIntoIpv4() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[15] = 1;
        InetAddress a = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertEquals("192.0.0.1", Addresses.fold(a).getHostAddress());
        assertTrue(AddressRange.parse("192.0.0.0/24").contains(a));
    }

    @Test
    void strictListsNameTheKeyLenientListsFailClosed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AddressRanges.parse(List.of("10.0.0.0/8", "lb.example.com/24"), "wharf.x.trusted-cidrs"));
        assertTrue(e.getMessage().startsWith("wharf.x.trusted-cidrs: "), e.getMessage());
        AddressRanges strict = AddressRanges.parse(List.of("10.1.0.0/16", " 192.0.2.9 ", "fd00::/8", ""), "k");
        assertEquals(3, strict.ranges().size());
        AddressRanges lenient = AddressRanges.lenient(List.of("nonsense", "10.0.0.0/99", "192.0.2.0/24"));
        assertEquals(List.of("nonsense", "10.0.0.0/99"), lenient.invalid());
        assertFalse(lenient.isEmpty(), "invalid entries still restrict: the list fails closed");
        assertTrue(lenient.contains(Addresses.parse("192.0.2.1")));
        assertFalse(lenient.contains(Addresses.parse("10.0.0.1")));
        assertTrue(AddressRanges.lenient(Arrays.asList("", " ", null)).isEmpty());
        assertTrue(AddressRanges.lenient(null).isEmpty());
        assertFalse(AddressRanges.none().contains(null));
    }
}
