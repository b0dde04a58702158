package dev.wharf.e2e;

import dev.wharf.core.Reason;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.wharf.e2e.AuditLog.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, must-haves 4 and 5, through the whole platform over FTPS and SFTP: a wrong password gets the same reply,
 * byte for byte, whoever the user is; failures spread over many addresses throttle the account without touching
 * the user's own address or getting anyone banned; 16 concurrent logins after a few failures all succeed.
 */
class AccountProtectionEndToEndIT {
    private static final String TENANT = "ap-" + UUID.randomUUID().toString().substring(0, 6);
    // never ending in six digits: identity-service would take them for an appended 2FA code
    private static final String PASSWORD = "Protect-" + UUID.randomUUID() + "-x";
    private static final String WRONG = "Wrong-" + UUID.randomUUID();
    private static final Map<String, String> USERS = new LinkedHashMap<>();
    private static int nextAddress = 1;

    private final E2ePlatform platform = E2ePlatform.get();

    @BeforeAll
    static void usersOfEveryKind() {
        AdminApi admin = E2ePlatform.get().admin();
        admin.tenant(TENANT, null);
        admin.user(TENANT, "plain", PASSWORD, null);
        admin.user(TENANT, "twofactor", PASSWORD, null);
        admin.send("POST", "/v1/admin/tenants/" + TENANT + "/users/twofactor/otp", null);
        admin.user(TENANT, "keysonly", PASSWORD, null);
        admin.send("PATCH", "/v1/admin/tenants/" + TENANT + "/users/keysonly", "{\"authMethod\":\"none\"}");
        admin.user(TENANT, "disabled", PASSWORD, "\"enabled\":false");
        for (String u : new String[] {"plain", "twofactor", "keysonly", "disabled"}) {
            USERS.put(u, u + "@" + TENANT + ".localhost");
        }
        USERS.put("nonexistent", "nobody@" + TENANT + ".localhost");
    }

    /** A fresh documentation address per attempt, so that no address collects enough failures for a ban. */
    private static synchronized String freshAddress() {
        return "192.0.2." + nextAddress++;
    }

    /** The FTPS reply to a login "from" clientIp: the 530 text, or null when the login worked. */
    private String ftps(String clientIp, String user, String password) throws Exception {
        FTPSClient ftp = ProxiedClients.ftps(clientIp);
        try {
            ftp.connect("127.0.0.1", platform.ftpExplicitPort());
            return ftp.login(user, password) ? null : ftp.getReplyString();
        } finally {
            try {
                ftp.disconnect();
            } catch (java.io.IOException ignored) {
                // already closed by the server
            }
        }
    }

    /** Everything an SFTP client "from" clientIp is told (banners, disconnect, failure), or null when it got in. */
    private String sftp(String clientIp, String user, String password) throws Exception {
        SshClient client = ProxiedClients.ssh(clientIp, platform.sftpPort());
        List<String> told = new CopyOnWriteArrayList<>();
        client.setUserInteraction(new UserInteraction() {
            @Override
            public void welcome(ClientSession session, String banner, String lang) {
                told.add("banner: " + banner);
            }

            @Override
            public String[] interactive(ClientSession s, String name, String instruction, String lang,
                                        String[] prompt, boolean[] echo) {
                // left unanswered: one password attempt per connection keeps each user name below the
                // defender's count of failures per user name (5 in this platform), which would ban the address
                told.add("prompt: " + name + "|" + instruction + "|" + String.join("|", prompt));
                return null;
            }

            @Override
            public String getUpdatedPassword(ClientSession s, String prompt, String lang) {
                return null;
            }
        });
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionDisconnect(Session session, int reason, String msg, String language,
                                          boolean initiator) {
                told.add("disconnect: " + reason + " " + msg);
            }
        });
        try (ClientSession s = ProxiedClients.sshSession(client, user, platform.sftpPort())) {
            s.addPasswordIdentity(password);
            try {
                if (s.auth().verify(Duration.ofSeconds(30)).isSuccess()) {
                    return null;
                }
            } catch (Exception refused) {
                told.add("failure: " + refused.getMessage());
            }
            return String.join("\n", told);
        } finally {
            client.stop();
        }
    }

    /**
     * Two wrong passwords per user name here and one in the SFTP test: below the defender's count of failures per
     * user name (5 in this platform), after which each further failing address is banned and told so.
     */
    @Test
    void aWrongPasswordGetsTheSameFtpsReplyForEveryKindOfUser() throws Exception {
        String expected = "530 " + Reason.BAD_CREDENTIALS.userMessage();
        for (Map.Entry<String, String> u : USERS.entrySet()) {
            assertEquals(expected, ftps(freshAddress(), u.getValue(), WRONG), u.getKey());
            assertEquals(expected, ftps(freshAddress(), u.getValue(), WRONG + "123456"), u.getKey() + " with a code");
        }
        // the right password earns the specific reason
        String twoFactor = ftps(freshAddress(), USERS.get("twofactor"), PASSWORD);
        assertTrue(twoFactor.startsWith("530 A 2FA code is required"), twoFactor);
        assertTrue(ftps(freshAddress(), USERS.get("keysonly"), PASSWORD)
                .contains(Reason.PASSWORD_LOGIN_NOT_ALLOWED.userMessage()));
        assertTrue(ftps(freshAddress(), USERS.get("disabled"), PASSWORD).contains(Reason.ACCOUNT_DISABLED.userMessage()));
    }

    @Test
    void aWrongPasswordGetsTheSameSftpAnswerForEveryKindOfUser() throws Exception {
        // the MINA client asks keyboard-interactive three times; unanswered rounds never reach identity-service
        String prompt = "prompt: Wharf login||Password: \n";
        String expected = prompt.repeat(3) + "failure: No more authentication methods available";
        for (Map.Entry<String, String> u : USERS.entrySet()) {
            assertEquals(expected, sftp(freshAddress(), u.getValue(), WRONG), u.getKey());
        }
        String twoFactor = sftp(freshAddress(), USERS.get("twofactor"), PASSWORD);
        assertTrue(twoFactor.contains(Reason.SECOND_FACTOR_REQUIRED.code()), twoFactor);
    }

    @Test
    void failuresFromManyAddressesThrottleTheAccountButNotTheUsersAddressAndBanNobody() throws Exception {
        String user = "throttled@" + TENANT + ".localhost";
        platform.admin().user(TENANT, "throttled", PASSWORD, null);
        String home = "198.51.100.60";
        assertNull(ftps(home, user, PASSWORD), "the user's first login, from their office");
        // one failure from each of many addresses: no address reaches the defender's limit, the account does
        List<String> strangers = new ArrayList<>();
        String reply = null;
        for (int i = 0; i < 15 && (reply == null || !reply.contains(Reason.ACCOUNT_THROTTLED.userMessage())); i++) {
            String stranger = freshAddress();
            strangers.add(stranger);
            reply = ftps(stranger, user, WRONG);
        }
        assertTrue(reply.contains(Reason.ACCOUNT_THROTTLED.userMessage()), reply);
        String newcomer = freshAddress();
        assertTrue(ftps(newcomer, user, PASSWORD).contains(Reason.ACCOUNT_THROTTLED.userMessage()),
                "from an address the user never logged in from, even the right password waits");
        String sftpNewcomer = sftp(freshAddress(), user, PASSWORD);
        assertTrue(sftpNewcomer.contains(Reason.ACCOUNT_THROTTLED.code()), sftpNewcomer);
        assertNull(ftps(home, user, PASSWORD), "the user's own address is never throttled");
        assertNull(sftp(home, user, PASSWORD), "nor over SFTP");
        // being throttled is no failed login: the newcomer's address is not banned, another user gets in from it
        for (int i = 0; i < 6; i++) {
            ftps(newcomer, user, PASSWORD);
        }
        assertNull(ftps(newcomer, "plain@" + TENANT + ".localhost", PASSWORD));
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.login.failed",
                    Map.of("tenant", TENANT, "clientAddress", newcomer, "reason", "account_throttled")));
        }
    }

    @Test
    void sixteenConcurrentFirstLoginsAfterAFewFailuresAllSucceedOverFtpsAndSftp() throws Exception {
        platform.admin().user(TENANT, "busy", PASSWORD, null);
        String user = "busy@" + TENANT + ".localhost";
        String office = "198.51.100.61";
        for (int i = 0; i < 3; i++) {
            assertTrue(ftps(office, user, WRONG + i).contains(Reason.BAD_CREDENTIALS.userMessage()));
        }
        assertEquals(Collections.nCopies(16, "ok"), concurrently(16, () -> ftps(office, user, PASSWORD)), "FTPS");
        // the office's 16 SFTP connections come through two of its addresses (gateway-sftp's per-address cap on
        // unauthenticated connections, max-startups-per-address, is checked per address)
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        assertEquals(Collections.nCopies(16, "ok"), concurrently(16, () -> sftp(n.getAndIncrement() % 2 == 0
                ? office : "198.51.100.62", user, PASSWORD)), "SFTP");
    }

    /** Runs {@code n} logins at once; answers "ok" or the refusal of each. */
    private static List<String> concurrently(int n, Callable<String> login) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<String>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(() -> {
                    String refusal = login.call();
                    return refusal == null ? "ok" : refusal;
                });
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(all, 180, TimeUnit.SECONDS)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
