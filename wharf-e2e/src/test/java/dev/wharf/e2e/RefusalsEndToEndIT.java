package dev.wharf.e2e;

import dev.wharf.core.Reason;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static dev.wharf.e2e.AuditLog.of;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every policy refusal reaches the FTP and SFTP client with its reason, through the whole platform: site address
 * ranges, countries (the bundled GeoLite2 database), protocol access, TLS required and the shared ban. Client
 * addresses come from PROXY headers, as from a load balancer: the gateways trust loopback in this platform.
 */
class RefusalsEndToEndIT {
    private static final String PASSWORD = "Refusal-" + UUID.randomUUID() + "-x";
    private static final String GB = "81.2.69.142";
    private static final String US = "8.8.8.8";

    private final E2ePlatform platform = E2ePlatform.get();

    @BeforeAll
    static void tenantsWithRules() {
        E2ePlatform p = E2ePlatform.get();
        AdminApi admin = p.admin();
        admin.tenant("rf-cidr", "{\"allowedCidrs\":[\"198.51.100.0/24\",\"2001:db8:5::/48\"]}");
        admin.tenant("rf-deny-gb", "{\"deniedCountries\":[\"GB\"]}");
        admin.tenant("rf-only-us", "{\"allowedCountries\":[\"US\"]}");
        admin.tenant("rf-proto", null);
        for (String tenant : new String[] {"rf-cidr", "rf-deny-gb", "rf-only-us"}) {
            admin.user(tenant, "alice", PASSWORD, null);
        }
        admin.user("rf-proto", "sftponly", PASSWORD, "\"allowedProtocols\":[\"sftp\"]");
        admin.user("rf-proto", "ftpsonly", PASSWORD, "\"allowedProtocols\":[\"ftps\"]");
        // the seed's rule: an address in the site's OR the user's (or the user's group's) list is admitted
        admin.tenant("rf-either", "{\"allowedCidrs\":[\"198.51.100.0/24\"],\"addressRule\":\"either\"}");
        admin.user("rf-either", "alice", PASSWORD, null);
        admin.user("rf-either", "roamer", PASSWORD, "\"allowedCidrs\":[\"203.0.113.0/24\"]");
        admin.user("rf-either", "partner", PASSWORD, null);
        admin.send("POST", "/v1/admin/tenants/rf-either/groups", "{\"name\":\"partners\"}");
        admin.send("PATCH", "/v1/admin/tenants/rf-either/groups/partners",
                "{\"allowedCidrs\":[\"192.0.2.0/24\"]}");
        admin.send("PUT", "/v1/admin/tenants/rf-either/groups/partners/members/partner", null);
        admin.tenant("rf-no-sftp", "{\"disabledProtocols\":[\"sftp\"]}");
        admin.user("rf-no-sftp", "alice", PASSWORD, null);
    }

    // --- FTP ----------------------------------------------------------------------------------------------

    /** Logs in over explicit FTPS "from" clientIp; answers the 530 text, or null when the login worked. */
    private String ftpsRefusal(String clientIp, String user) throws Exception {
        return LoginProbes.ftps(platform, clientIp, user, PASSWORD);
    }

    private static void assertRefused(String reply, Reason reason) {
        assertTrue(reply != null && reply.contains(reason.userMessage()),
                "expected the " + reason.code() + " message, got: " + reply);
    }

    @Test
    void ftpsSiteAddressRangesUseTheProxiedAddress() throws Exception {
        assertRefused(ftpsRefusal("203.0.113.7", "alice@rf-cidr.localhost"), Reason.ADDRESS_NOT_ALLOWED);
        assertRefused(ftpsRefusal("2001:db8:6::7", "alice@rf-cidr.localhost"), Reason.ADDRESS_NOT_ALLOWED);
        assertEquals(null, ftpsRefusal("198.51.100.7", "alice@rf-cidr.localhost"), "inside the site's range");
        assertEquals(null, ftpsRefusal("2001:db8:5::7", "alice@rf-cidr.localhost"), "inside the IPv6 range");
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.policy.denied",
                    Map.of("tenant", "rf-cidr", "clientAddress", "203.0.113.7", "reason", "address_not_allowed")));
        }
    }

    @Test
    void ftpsCountryRules() throws Exception {
        assertRefused(ftpsRefusal(GB, "alice@rf-deny-gb.localhost"), Reason.COUNTRY_NOT_ALLOWED);
        assertEquals(null, ftpsRefusal(US, "alice@rf-deny-gb.localhost"), "US is not denied");
        assertRefused(ftpsRefusal(GB, "alice@rf-only-us.localhost"), Reason.COUNTRY_NOT_ALLOWED);
        assertRefused(ftpsRefusal("10.1.2.3", "alice@rf-only-us.localhost"), Reason.COUNTRY_UNKNOWN);
    }

    @Test
    void ftpsProtocolAccess() throws Exception {
        assertRefused(ftpsRefusal(US, "sftponly@rf-proto.localhost"), Reason.PROTOCOL_NOT_ALLOWED);
        assertEquals(null, ftpsRefusal(US, "ftpsonly@rf-proto.localhost"));
    }

    @Test
    void plainFtpLoginIsRefusedWithTlsRequired() throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        ftp.connect("127.0.0.1", platform.ftpExplicitPort());
        try {
            assertFalse(ftp.login("demo", platform.demoPassword()));
            assertRefused(ftp.getReplyString(), Reason.ENCRYPTION_REQUIRED);
        } finally {
            disconnectQuietly(ftp);
        }
    }

    // --- SFTP ---------------------------------------------------------------------------------------------

    /** What an SFTP client "from" clientIp is told: the banner or disconnect text, or null when login worked. */
    private String sftpRefusal(String clientIp, String user) throws Exception {
        return LoginProbes.sftp(platform, clientIp, user, PASSWORD);
    }

    @Test
    void sftpSiteAddressRangesCountriesAndProtocols() throws Exception {
        assertRefused(sftpRefusal("203.0.113.7", "alice@rf-cidr.localhost"), Reason.ADDRESS_NOT_ALLOWED);
        assertEquals(null, sftpRefusal("198.51.100.7", "alice@rf-cidr.localhost"), "inside the site's range");
        assertRefused(sftpRefusal(GB, "alice@rf-deny-gb.localhost"), Reason.COUNTRY_NOT_ALLOWED);
        assertRefused(sftpRefusal("10.1.2.3", "alice@rf-only-us.localhost"), Reason.COUNTRY_UNKNOWN);
        assertRefused(sftpRefusal(US, "ftpsonly@rf-proto.localhost"), Reason.PROTOCOL_NOT_ALLOWED);
        assertEquals(null, sftpRefusal(US, "sftponly@rf-proto.localhost"));
    }

    @Test
    void eitherListAdmitsTheSitesOrTheUsersOrTheGroupsAddressesOverBothProtocols() throws Exception {
        assertEquals(null, ftpsRefusal("198.51.100.7", "roamer@rf-either.localhost"), "in the site's list");
        assertEquals(null, ftpsRefusal("203.0.113.7", "roamer@rf-either.localhost"), "in the user's own list");
        assertRefused(ftpsRefusal("192.0.2.9", "roamer@rf-either.localhost"), Reason.ADDRESS_NOT_ALLOWED);
        assertRefused(ftpsRefusal("203.0.113.7", "alice@rf-either.localhost"), Reason.ADDRESS_NOT_ALLOWED);
        assertEquals(null, ftpsRefusal("192.0.2.9", "partner@rf-either.localhost"), "in the group's list");
        assertEquals(null, sftpRefusal("203.0.113.7", "roamer@rf-either.localhost"));
        assertRefused(sftpRefusal("203.0.113.7", "alice@rf-either.localhost"), Reason.ADDRESS_NOT_ALLOWED);
        assertEquals(null, sftpRefusal("192.0.2.9", "partner@rf-either.localhost"));
    }

    @Test
    void aProtocolTheSiteSwitchedOffIsRefusedWithItsOwnReason() throws Exception {
        assertRefused(sftpRefusal(US, "alice@rf-no-sftp.localhost"), Reason.PROTOCOL_DISABLED);
        assertEquals(null, ftpsRefusal(US, "alice@rf-no-sftp.localhost"), "FTPS stays on");
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.policy.denied",
                    Map.of("tenant", "rf-no-sftp", "reason", "protocol_disabled")));
        }
    }

    // --- the shared ban -----------------------------------------------------------------------------------

    @Test
    void failedLoginsOverFtpBanTheAddressOnBothGateways() throws Exception {
        String attacker = "203.0.113.99";
        ProxiedClients.failFtpsLoginsUntilBanned(attacker, platform.ftpExplicitPort());
        // the ban reaches the other gateway through policy-service; poll until it is in force there too
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String sftp = sftpRefusal(attacker, "demo");
        while (!isBanned(sftp) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            sftp = sftpRefusal(attacker, "demo");
        }
        assertRefused(sftp, Reason.ADDRESS_BANNED);
        if (!isBanned(ftpsRefusalOrGreeting(attacker))) {
            fail("FTPS connections from the banned address must be refused");
        }
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.policy.denied",
                    Map.of("clientAddress", attacker, "reason", "address_banned", "protocol", "sftp")));
        }
    }

    private String ftpsRefusalOrGreeting(String clientIp) {
        FTPSClient ftp = ProxiedClients.ftps(clientIp);
        try {
            ftp.connect("127.0.0.1", platform.ftpExplicitPort());
            return ftp.getReplyString() + (ftp.login("demo", platform.demoPassword()) ? "" : ftp.getReplyString());
        } catch (java.io.IOException refused) {
            return ftp.getReplyString() + " " + refused.getMessage();
        } finally {
            disconnectQuietly(ftp);
        }
    }

    private static void disconnectQuietly(FTPClient ftp) {
        try {
            ftp.disconnect();
        } catch (java.io.IOException ignored) {
            // already closed by the server
        }
    }

    private static boolean isBanned(String told) {
        return ProxiedClients.isBanned(told);
    }

    private static void assertEquals(Object expected, Object actual, String... message) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, message.length > 0 ? message[0] : null);
    }
}
