package dev.wharf.web.http;

import dev.wharf.edge.proxy.TrustedProxies;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {
    private static final TrustedProxies BALANCERS = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8"),
            "wharf.web.proxy.trusted-cidrs", false, Duration.ZERO);

    @Test
    void aTrustedBalancersHeaderNamesTheClient() {
        assertEquals("203.0.113.7", ClientAddress.of("10.1.2.3", "203.0.113.7", BALANCERS));
        // two balancers: the rightmost address that is not one of ours
        assertEquals("203.0.113.7", ClientAddress.of("10.1.2.3", "198.51.100.1, 203.0.113.7, 10.9.9.9", BALANCERS));
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.of("fd00::1", "2001:db8::1", BALANCERS));
        // IPv4-mapped addresses are the IPv4 address
        assertEquals("203.0.113.7", ClientAddress.of("10.1.2.3", "::ffff:203.0.113.7", BALANCERS));
    }

    @Test
    void anUntrustedPeersHeaderIsIgnored() {
        assertEquals("198.51.100.9", ClientAddress.of("198.51.100.9", "10.0.0.1", BALANCERS));
        assertEquals("10.1.2.3", ClientAddress.of("10.1.2.3", "203.0.113.7", TrustedProxies.NONE));
    }

    @Test
    void aMalformedEntryEndsTheWalkAtTheLastTrustedHop() {
        // "10.1" is no address (the edge's strict parser): the left part cannot be believed
        assertEquals("10.9.9.9", ClientAddress.of("10.1.2.3", "203.0.113.7, 10.1, 10.9.9.9", BALANCERS));
        assertEquals("10.1.2.3", ClientAddress.of("10.1.2.3", "unknown", BALANCERS));
        assertEquals("10.1.2.3", ClientAddress.of("10.1.2.3", "", BALANCERS));
        assertEquals("10.1.2.3", ClientAddress.of("10.1.2.3", null, BALANCERS));
    }

    @Test
    void onlyTrustedHopsMeansTheFirstOfThem() {
        assertEquals("10.0.0.5", ClientAddress.of("10.1.2.3", "10.0.0.5, 10.0.0.6", BALANCERS));
    }
}
