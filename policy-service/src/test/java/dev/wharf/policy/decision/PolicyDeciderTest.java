package dev.wharf.policy.decision;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.testing.Defenders;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyDeciderTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final PolicyDecider decider = new PolicyDecider(Defenders.local(clock, "198.51.100.0/24"),
            Set.of(" PlainCo "), clock);

    private static Principal user(List<String> protocols, List<String> cidrs) {
        return new Principal("acme", "alice", "id-1", List.of(), "/alice", protocols, cidrs);
    }

    private static Principal plainUser(String tenant) {
        return new Principal(tenant, "alice", "id-1", List.of(), "/alice", List.of(), List.of());
    }

    // --- connect

    @Test
    void connectIsAllowedForAnUnbannedAddress() {
        assertEquals(Decision.ALLOW, decider.connect("203.0.113.5", null, Protocol.SFTP));
    }

    @Test
    void connectIsDeniedWhileTheAddressIsBannedAndAllowedAfterwards() {
        for (int i = 0; i < 2; i++) {
            decider.loginFailed("203.0.113.5", "acme", "mallory", Protocol.FTPS);
            assertEquals(Decision.ALLOW, decider.connect("203.0.113.5", "acme", Protocol.FTPS));
        }
        decider.loginFailed("203.0.113.5", "acme", "mallory", Protocol.FTPS);
        assertEquals(Decision.deny(Reason.ADDRESS_BANNED), decider.connect("203.0.113.5", "acme", Protocol.FTPS));
        assertEquals(Decision.ALLOW, decider.connect("203.0.113.6", "acme", Protocol.FTPS));
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Decision.ALLOW, decider.connect("203.0.113.5", "acme", Protocol.FTPS));
    }

    @Test
    void aBannedAddressIsDeniedAtLoginToo() {
        Principal alice = user(List.of(), List.of());
        assertEquals(Decision.ALLOW, decider.login(alice, Protocol.SFTP, "2001:db8::7", true));
        for (int i = 0; i < 3; i++) {
            decider.loginFailed("2001:db8::7", "acme", "x" + i, Protocol.SFTP);
        }
        assertEquals(Decision.deny(Reason.ADDRESS_BANNED), decider.login(alice, Protocol.SFTP, "2001:db8::7", true));
    }

    @Test
    void aBanCoversTheAddressInEveryNotation() {
        decider.loginFailed("::ffff:203.0.113.5", "acme", "mallory", Protocol.FTP);
        decider.loginFailed("203.0.113.5", "acme", "mallory", Protocol.FTP);
        decider.loginFailed("::FFFF:cb00:7105", "acme", "mallory", Protocol.FTP);
        assertEquals(Reason.ADDRESS_BANNED, decider.connect("203.0.113.5", null, Protocol.FTP).reason());
        assertEquals(Reason.ADDRESS_BANNED, decider.connect("::ffff:203.0.113.5", null, Protocol.FTP).reason());
    }

    @Test
    void ipv6AddressesAreBannedToo() {
        for (int i = 0; i < 3; i++) {
            decider.loginFailed("2001:db8::5", "acme", "mallory", Protocol.FTP);
        }
        assertEquals(Reason.ADDRESS_BANNED, decider.connect("2001:DB8:0::5", null, Protocol.SFTP).reason());
    }

    @Test
    void exemptAddressesAreNeverBanned() {
        for (int i = 0; i < 10; i++) {
            decider.loginFailed("198.51.100.20", "acme", "user" + i, Protocol.FTP);
        }
        assertEquals(Decision.ALLOW, decider.connect("198.51.100.20", null, Protocol.SFTP));
    }

    @Test
    void badAddressesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> decider.connect("nonsense", null, Protocol.SFTP));
        assertThrows(IllegalArgumentException.class,
                () -> decider.loginFailed("10.0.0", "acme", "mallory", Protocol.FTP));
    }

    // --- login: protocols

    @Test
    void noProtocolListMeansEveryEncryptedProtocol() {
        assertEquals(Decision.ALLOW, decider.login(user(List.of(), List.of()), Protocol.SFTP, "203.0.113.5", true));
        assertEquals(Decision.ALLOW, decider.login(user(List.of(), List.of()), Protocol.FTPS, "203.0.113.5", true));
    }

    @Test
    void protocolOutsideTheUsersListIsDenied() {
        Principal p = user(List.of("sftp"), List.of());
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.SFTP, "203.0.113.5", true));
        assertEquals(Decision.deny(Reason.PROTOCOL_NOT_ALLOWED), decider.login(p, Protocol.FTPS, "203.0.113.5", true));
        assertEquals(Decision.deny(Reason.PROTOCOL_NOT_ALLOWED), decider.login(p, Protocol.FTP, "203.0.113.5", false));
    }

    @Test
    void protocolNamesAreComparedCaseInsensitively() {
        Principal p = user(List.of(" SFTP ", "FtpS"), List.of());
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.SFTP, "203.0.113.5", true));
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.FTPS, "203.0.113.5", true));
    }

    @Test
    void plainFtpForAnFtpsUserIsToldToUseTls() {
        Principal p = user(List.of("ftps"), List.of());
        assertEquals(Decision.deny(Reason.ENCRYPTION_REQUIRED), decider.login(p, Protocol.FTP, "203.0.113.5", false));
    }

    @Test
    void ftpAfterAuthTlsCountsAsFtps() {
        Principal p = user(List.of("ftps"), List.of());
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.FTP, "203.0.113.5", true));
    }

    // --- login: encryption

    @Test
    void plainFtpIsDeniedUnlessTheTenantAllowsIt() {
        assertEquals(Decision.deny(Reason.ENCRYPTION_REQUIRED),
                decider.login(plainUser("acme"), Protocol.FTP, "203.0.113.5", false));
        assertEquals(Decision.ALLOW, decider.login(plainUser("plainco"), Protocol.FTP, "203.0.113.5", false));
        assertEquals(Decision.ALLOW, decider.login(plainUser("PLAINCO"), Protocol.FTP, "203.0.113.5", false));
    }

    @Test
    void plainFtpNeedsBothTheTenantAndTheUsersProtocolList() {
        Principal p = new Principal("plainco", "bob", "id-2", List.of(), "/bob", List.of("ftp"), List.of());
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.FTP, "203.0.113.5", false));
        Principal acme = new Principal("acme", "bob", "id-2", List.of(), "/bob", List.of("ftp"), List.of());
        assertEquals(Decision.deny(Reason.ENCRYPTION_REQUIRED), decider.login(acme, Protocol.FTP, "203.0.113.5", false));
    }

    // --- login: addresses

    @Test
    void noAddressListMeansAnyAddress() {
        assertEquals(Decision.ALLOW, decider.login(user(List.of(), List.of()), Protocol.SFTP, "2001:db8::1", true));
    }

    @Test
    void ipv4AllowList() {
        Principal p = user(List.of(), List.of("192.0.2.0/24", "203.0.113.7/32"));
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.SFTP, "192.0.2.200", true));
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.SFTP, "203.0.113.7", true));
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), decider.login(p, Protocol.SFTP, "203.0.113.8", true));
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), decider.login(p, Protocol.SFTP, "2001:db8::1", true));
    }

    @Test
    void ipv6AllowList() {
        Principal p = user(List.of(), List.of("2001:db8:1::/48"));
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.SFTP, "2001:db8:1:ffff::1", true));
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), decider.login(p, Protocol.SFTP, "2001:db8:2::1", true));
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), decider.login(p, Protocol.SFTP, "192.0.2.1", true));
    }

    @Test
    void mappedClientAddressIsMatchedAsIpv4() {
        Principal p = user(List.of(), List.of("192.0.2.0/24"));
        assertEquals(Decision.ALLOW, decider.login(p, Protocol.SFTP, "::ffff:192.0.2.9", true));
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), decider.login(p, Protocol.SFTP, "::ffff:192.0.3.9", true));
    }

    @Test
    void anAllowListOfOnlyInvalidEntriesDeniesEverything() {
        Principal p = user(List.of(), List.of("not-a-range"));
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), decider.login(p, Protocol.SFTP, "192.0.2.1", true));
    }

    @Test
    void addressIsCheckedBeforeProtocolAndEncryption() {
        Principal p = user(List.of("sftp"), List.of("192.0.2.0/24"));
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), decider.login(p, Protocol.FTP, "10.0.0.1", false));
        assertEquals(Decision.deny(Reason.PROTOCOL_NOT_ALLOWED), decider.login(p, Protocol.FTP, "192.0.2.1", false));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
