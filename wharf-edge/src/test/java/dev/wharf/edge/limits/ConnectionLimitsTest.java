package dev.wharf.edge.limits;

import dev.wharf.core.Reason;
import dev.wharf.edge.Refusal;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caps in total and per address, for every connection and for those still logging in; release at login/close. */
class ConnectionLimitsTest {
    private static ConnectionLimits limits(int connections, int perAddress, int startups, int startupsPerAddress) {
        return new ConnectionLimits(new ConnectionLimits.Settings(connections, perAddress,
                StartupDrop.parse(startups, "", "k"), startupsPerAddress), new Random(1));
    }

    @Test
    void startupsAreReleasedAtLoginAndClose() {
        ConnectionLimits limits = limits(0, 0, 2, 0);
        ConnectionLimits.Ticket a = limits.connected();
        ConnectionLimits.Ticket b = limits.connected();
        assertNull(a.identified("203.0.113.1"));
        ConnectionLimits.Ticket c = limits.connected();
        Refusal r = c.refusal();
        assertEquals("startups", r.cause());
        assertEquals(Refusal.Stage.UNAUTHENTICATED_LIMIT, r.stage());
        assertEquals("unauthenticated-limit", r.stage().code());
        assertEquals(Reason.SERVICE_UNAVAILABLE, r.reason());
        assertTrue(r.message().startsWith("Too many connections are logging in to this server at once"));
        c.closed();
        a.loggedIn();
        a.loggedIn(); // twice counts once
        assertEquals(1, limits.startups());
        ConnectionLimits.Ticket d = limits.connected();
        assertNull(d.refusal(), "a logged-in connection no longer counts as logging in");
        b.closed();
        b.closed();
        d.closed();
        a.closed();
        assertEquals(0, limits.startups());
        assertEquals(0, limits.connections());
    }

    @Test
    void perAddressLimitsCountTheRealAddress() {
        ConnectionLimits limits = limits(0, 2, 0, 1);
        ConnectionLimits.Ticket a = limits.connected();
        assertNull(a.identified("203.0.113.1"));
        ConnectionLimits.Ticket b = limits.connected();
        assertEquals("startups_per_address", b.identified("203.0.113.1").cause());
        assertTrue(b.refusal().message().contains("(at most 1)"), b.refusal().message());
        assertNull(limits.connected().identified("203.0.113.2"), "another address has its own count");
        b.closed();
        a.loggedIn();
        ConnectionLimits.Ticket c = limits.connected();
        assertNull(c.identified("203.0.113.1"), "a's login freed the startup slot");
        c.loggedIn();
        ConnectionLimits.Ticket d = limits.connected();
        Refusal r = d.identified("203.0.113.1");
        assertEquals("connections_per_address", r.cause());
        assertEquals(Refusal.Stage.CONNECTION_LIMIT, r.stage());
        assertTrue(r.message().startsWith("Too many connections from your address (at most 2)"), r.message());
        d.closed();
        a.closed();
        assertNull(limits.connected().identified("203.0.113.1"), "a's close freed a slot");
    }

    @Test
    void totalConnectionsCountLoggedInOnesToo() {
        ConnectionLimits limits = limits(2, 0, 0, 0);
        ConnectionLimits.Ticket a = limits.connected();
        a.loggedIn();
        limits.connected();
        ConnectionLimits.Ticket c = limits.connected();
        assertEquals("connections", c.refusal().cause());
        assertEquals("connection-limit", c.refusal().stage().code());
        assertEquals(c.refusal(), c.identified("192.0.2.1"), "a refused ticket stays refused");
        assertEquals(3, limits.connections(), "refused tickets count until closed");
        c.closed();
        a.closed();
        assertNull(limits.connected().refusal());
    }

    @Test
    void zeroMeansUnlimited() {
        ConnectionLimits limits = limits(0, 0, 0, 0);
        for (int i = 0; i < 1000; i++) {
            assertNull(limits.connected().identified("192.0.2.1"));
        }
        assertEquals(1000, limits.startups());
    }

    @Test
    void earlyDropLetsSomeInBetweenStartAndFull() {
        // 10:30:20, seeded: below 10 nobody is dropped, from 10 on some are, and never more than 20 log in at once
        ConnectionLimits limits = new ConnectionLimits(new ConnectionLimits.Settings(0, 0,
                StartupDrop.parse(20, "10:30", "k"), 0), new Random(42));
        int admitted = 0;
        int dropped = 0;
        for (int i = 0; i < 200; i++) {
            ConnectionLimits.Ticket t = limits.connected();
            if (t.refusal() == null) {
                admitted++;
            } else {
                assertTrue(admitted >= 10, "no drop below start");
                dropped++;
                t.closed();
            }
        }
        assertEquals(20, admitted);
        assertEquals(180, dropped);
        assertEquals(20, limits.startups());
    }
}
