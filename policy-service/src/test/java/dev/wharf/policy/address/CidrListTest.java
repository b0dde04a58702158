package dev.wharf.policy.address;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrListTest {
    private static boolean contains(CidrList l, String ip) {
        return l.contains(IpAddresses.parseAddress(ip));
    }

    @Test
    void ipv4Ranges() {
        CidrList l = CidrList.of(List.of("192.0.2.0/24", "198.51.100.7"));
        assertTrue(contains(l, "192.0.2.1"));
        assertTrue(contains(l, "192.0.2.255"));
        assertTrue(contains(l, "198.51.100.7"));
        assertFalse(contains(l, "198.51.100.8"));
        assertFalse(contains(l, "192.0.3.1"));
    }

    @Test
    void ipv6Ranges() {
        CidrList l = CidrList.of(List.of("2001:db8:abcd::/48"));
        assertTrue(contains(l, "2001:db8:abcd:1::5"));
        assertFalse(contains(l, "2001:db8:abce::5"));
        assertFalse(contains(l, "192.0.2.1"));
    }

    @Test
    void mappedClientMatchesIpv4RangeAndMappedRangeMatchesIpv4Client() {
        assertTrue(contains(CidrList.of(List.of("192.0.2.0/24")), "::ffff:192.0.2.9"));
        assertTrue(contains(CidrList.of(List.of("::ffff:192.0.2.0/120")), "192.0.2.9"));
        assertFalse(contains(CidrList.of(List.of("::ffff:192.0.2.0/120")), "192.0.3.9"));
    }

    @Test
    void ipv4RangeDoesNotMatchNativeIpv6WithSameBits() {
        // ::c000:209 is an IPv4-compatible (not mapped) address: a different host, so no match
        assertFalse(contains(CidrList.of(List.of("192.0.2.0/24")), "::c000:209"));
    }

    @Test
    void invalidEntriesMatchNothingAndAreReported() {
        CidrList l = CidrList.of(List.of("nonsense", "10.0.0.0/99"));
        assertFalse(l.isEmpty());
        assertFalse(contains(l, "10.0.0.1"));
        assertEquals(List.of("nonsense", "10.0.0.0/99"), l.invalid());
    }

    @Test
    void blankAndNullEntriesAreIgnored() {
        assertTrue(CidrList.of(Arrays.asList("", " ", null)).isEmpty());
        assertTrue(CidrList.of(null).isEmpty());
    }

    @Test
    void allAddressesRangeMatchesEveryIpv4() {
        CidrList l = CidrList.of(List.of("0.0.0.0/0"));
        assertTrue(contains(l, "203.0.113.1"));
        assertFalse(contains(l, "2001:db8::1"));
    }
}
