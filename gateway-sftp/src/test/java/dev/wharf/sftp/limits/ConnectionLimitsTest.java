package dev.wharf.sftp.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConnectionLimitsTest {
    @Test
    void startupsAreReleasedAtLoginAndClose() {
        ConnectionLimits limits = new ConnectionLimits(2, 0, 0);
        ConnectionLimits.Ticket a = limits.connected();
        ConnectionLimits.Ticket b = limits.connected();
        assertNull(a.identified("203.0.113.1"));
        ConnectionLimits.Ticket c = limits.connected();
        assertEquals("startups", c.cause());
        c.closed();
        a.loggedIn();
        a.loggedIn(); // twice counts once
        assertEquals(1, limits.startups());
        ConnectionLimits.Ticket d = limits.connected();
        assertNull(d.refusal(), "a logged-in session is no startup");
        b.closed();
        b.closed();
        d.closed();
        a.closed();
        assertEquals(0, limits.startups());
    }

    @Test
    void perAddressLimitsCountTheRealAddress() {
        ConnectionLimits limits = new ConnectionLimits(0, 1, 2);
        ConnectionLimits.Ticket a = limits.connected();
        assertNull(a.identified("203.0.113.1"));
        ConnectionLimits.Ticket b = limits.connected();
        b.identified("203.0.113.1");
        assertEquals("startups_per_address", b.cause());
        assertNull(limits.connected().identified("203.0.113.2"), "another address has its own count");
        b.closed();
        a.loggedIn();
        ConnectionLimits.Ticket c = limits.connected();
        assertNull(c.identified("203.0.113.1"), "a's login freed the startup slot");
        c.loggedIn();
        ConnectionLimits.Ticket d = limits.connected();
        d.identified("203.0.113.1");
        assertEquals("sessions_per_address", d.cause());
        d.closed();
        a.closed();
        assertNull(limits.connected().identified("203.0.113.1"), "a's close freed a session slot");
    }
}
