package dev.wharf.policy.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressesTest {

    @Test
    void parsesIpv4AndIpv6Literals() {
        assertEquals("192.0.2.10", IpAddresses.parseAddress("192.0.2.10").toCanonicalString());
        assertEquals("2001:db8::1", IpAddresses.parseAddress("2001:DB8:0:0::1").toCanonicalString());
        assertEquals("::1", IpAddresses.parseAddress("::1").toCanonicalString());
    }

    @Test
    void foldsIpv4MappedIpv6IntoIpv4() {
        assertTrue(IpAddresses.parseAddress("::ffff:192.0.2.10").isIPv4());
        assertEquals("192.0.2.10", IpAddresses.parseAddress("::ffff:192.0.2.10").toCanonicalString());
        assertEquals("192.0.2.10", IpAddresses.parseAddress("::ffff:c000:20a").toCanonicalString());
    }

    @Test
    void dropsTheZoneOfALinkLocalAddress() {
        assertEquals("fe80::1", IpAddresses.parseAddress("fe80::1%eth0").toCanonicalString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "10.1", "10.0.0", "256.1.1.1", "10.*.0.1",
            "10.0-3.0.1", "*", "1.2.3.4/8", "01.2.3.4", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4\n", "::g", "1::2::3", "10.0.0.1:80"})
    void refusesAnythingButASingleLiteral(String text) {
        assertFalse(IpAddresses.isAddress(text), text);
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> IpAddresses.parseAddress(null));
    }

    @Test
    void rangesIgnoreHostBits() {
        var r = IpAddresses.parseRange("10.1.2.3/8");
        assertTrue(r.contains(IpAddresses.parseAddress("10.200.0.1")));
        assertFalse(r.contains(IpAddresses.parseAddress("11.0.0.1")));
    }

    @Test
    void rangesMayBeWrittenWithBlanksAround() {
        assertTrue(IpAddresses.parseRange(" 10.0.0.0/8 ").contains(IpAddresses.parseAddress("10.1.1.1")));
    }

    @Test
    void mappedRangeBecomesIpv4Range() {
        var r = IpAddresses.parseRange("::ffff:10.0.0.0/104");
        assertTrue(r.isIPv4());
        assertTrue(r.contains(IpAddresses.parseAddress("10.9.8.7")));
        assertFalse(r.contains(IpAddresses.parseAddress("11.0.0.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "/8",
            "10.0.0.0/8/8"})
    void refusesBadRanges(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpAddresses.parseRange(text));
    }

    @Test
    void messagesShowNoControlCharacters() {
        var e = assertThrows(IllegalArgumentException.class, () -> IpAddresses.parseAddress("evil\r\nINJECTED"));
        assertFalse(e.getMessage().contains("\n"));
    }
}
