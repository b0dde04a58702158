package dev.wharf.core.login;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.core.session.TenantResolver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginFlowTest {
    private final List<AuditEvent> events = new ArrayList<>();
    private final AtomicReference<Credentials> seen = new AtomicReference<>();
    private final List<String> failures = new ArrayList<>();
    private Decision loginDecision = Decision.ALLOW;
    private Decision connectDecision = Decision.ALLOW;

    private final PolicyPort policy = new PolicyPort() {
        @Override
        public Decision checkConnect(String clientIp, String tenant, Protocol protocol) {
            return connectDecision;
        }

        @Override
        public Decision checkLogin(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
            return loginDecision;
        }

        @Override
        public void reportLoginFailure(String clientIp, String tenant, String username, Protocol protocol) {
            failures.add(tenant + "/" + username + "@" + clientIp);
        }
    };

    private LoginFlow flow() {
        return new LoginFlow(new TenantResolver("files.example.com", "demo"), c -> {
            seen.set(c);
            return "secret".equals(c.password())
                    ? AuthResult.ok(new Principal(c.tenant(), c.username(), "id-1", List.of(), "/" + c.username(),
                    List.of(), List.of()))
                    : AuthResult.refused(Reason.BAD_CREDENTIALS);
        }, policy, new SessionAudit(events::add));
    }

    private final GatewaySession session = new GatewaySession("/gateway-test", Protocol.FTPS, "192.0.2.7", 40123);

    @Test
    void aSinkThatCannotRecordRefusesConnectionsAndLoginsBeforeAnyCredentialIsChecked() {
        boolean[] asked = new boolean[1];
        PolicyPort counting = new PolicyPort() {
            @Override
            public Decision checkConnect(String clientIp, String tenant, Protocol protocol) {
                asked[0] = true;
                return Decision.ALLOW;
            }

            @Override
            public Decision checkLogin(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
                asked[0] = true;
                return Decision.ALLOW;
            }

            @Override
            public void reportLoginFailure(String clientIp, String tenant, String username, Protocol protocol) {
                asked[0] = true;
            }
        };
        AuditSink full = new AuditSink() {
            @Override
            public void publish(AuditEvent event) {
                events.add(event);
            }

            @Override
            public boolean accepting() {
                return false;
            }
        };
        LoginFlow refusing = new LoginFlow(new TenantResolver("files.example.com", "demo"), c -> {
            seen.set(c);
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }, counting, new SessionAudit(full));
        assertEquals(Reason.AUDIT_UNAVAILABLE, refusing.connect(session));
        assertEquals(Reason.AUDIT_UNAVAILABLE, refusing.login(session, null, "alice@acme.files.example.com", "secret",
                null));
        assertFalse(session.loggedIn());
        assertNull(seen.get(), "identity was not asked");
        assertFalse(asked[0], "policy was not asked");
        WharfException e = assertThrows(WharfException.class, () -> new SessionAudit(full).requireAccepting());
        assertEquals(Reason.AUDIT_UNAVAILABLE, e.reason());
    }

    @Test
    void successLogsInAndPublishesLoginSucceeded() {
        assertEquals(Reason.OK, flow().login(session, null, "alice@acme.files.example.com", "secret", null));
        assertTrue(session.loggedIn());
        assertEquals("acme", session.tenant());
        assertEquals("alice", seen.get().username());
        assertEquals("192.0.2.7", seen.get().clientIp());
        assertEquals(List.of(AuditType.SESSION_OPENED, AuditType.LOGIN_SUCCEEDED),
                events.stream().map(AuditEvent::type).toList());
        assertEquals("acme", events.getFirst().tenant(), "session-opened carries the tenant");
        AuditEvent e = events.get(events.size() - 1);
        assertEquals(AuditType.LOGIN_SUCCEEDED, e.type());
        assertEquals("acme", e.tenant());
        assertEquals("alice", e.user());
        assertEquals("ftps", e.protocol());
        assertEquals(session.id(), e.sessionId());
    }

    @Test
    void badPasswordIsReportedToTheDefenderAndAudited() {
        assertEquals(Reason.BAD_CREDENTIALS, flow().login(session, null, "bob", "nope", null));
        assertFalse(session.loggedIn());
        assertEquals(List.of("demo/bob@192.0.2.7"), failures);
        AuditEvent e = events.get(events.size() - 1);
        assertEquals(AuditType.LOGIN_FAILED, e.type());
        assertEquals("bad_credentials", e.reason());
        assertEquals("bob", e.user());
    }

    @Test
    void onlyGuessesAreReportedNeverThrottlingOrRefusalsAfterAVerifiedPassword() {
        for (Reason r : new Reason[] {Reason.SECOND_FACTOR_REQUIRED, Reason.ACCOUNT_THROTTLED, Reason.ACCOUNT_DISABLED,
                Reason.PASSWORD_CHANGE_REQUIRED, Reason.PASSWORD_LOGIN_NOT_ALLOWED, Reason.SECOND_FACTOR_REUSED}) {
            LoginFlow answering = new LoginFlow(new TenantResolver("files.example.com", "demo"),
                    c -> AuthResult.refused(r), policy, new SessionAudit(events::add));
            GatewaySession s = new GatewaySession("/gateway-test", Protocol.SFTP, "192.0.2.8", 40124);
            assertEquals(r, answering.login(s, null, "alice@acme.files.example.com", "secret", null));
            assertEquals(AuditType.LOGIN_FAILED, events.getLast().type(), r.code() + " is audited");
            assertEquals(r.code(), events.getLast().reason(), r.code() + " is audited with its code");
        }
        assertEquals(List.of(), failures, "none of these is reported to the defender");
        LoginFlow wrongCode = new LoginFlow(new TenantResolver("files.example.com", "demo"),
                c -> AuthResult.refused(Reason.SECOND_FACTOR_INVALID), policy, new SessionAudit(events::add));
        wrongCode.login(new GatewaySession("/gateway-test", Protocol.SFTP, "192.0.2.9", 40125), null,
                "alice@acme.files.example.com", "secret", "000000");
        assertEquals(List.of("acme/alice@192.0.2.9"), failures, "a wrong code is a guess");
    }

    @Test
    void policyDenialAfterIdentityIsAuditedWithItsReason() {
        loginDecision = Decision.deny(Reason.ENCRYPTION_REQUIRED);
        assertEquals(Reason.ENCRYPTION_REQUIRED, flow().login(session, null, "alice", "secret", null));
        assertFalse(session.loggedIn());
        assertEquals(List.of(AuditType.SESSION_OPENED, AuditType.POLICY_DENIED, AuditType.LOGIN_FAILED), events.stream().map(AuditEvent::type).toList());
        assertTrue(events.stream().skip(1).allMatch(e -> "encryption_required".equals(e.reason())));
    }

    @Test
    void noTenantMeansUnknownTenantWithoutAskingIdentity() {
        LoginFlow noDefault = new LoginFlow(new TenantResolver("files.example.com", null), c -> {
            throw new AssertionError("identity must not be asked");
        }, policy, new SessionAudit(events::add));
        assertEquals(Reason.UNKNOWN_TENANT, noDefault.login(session, null, "alice", "secret", null));
        assertNull(seen.get());
    }

    @Test
    void serviceOutageIsServiceUnavailable() {
        LoginFlow broken = new LoginFlow(new TenantResolver("x", "demo"), c -> {
            throw new IllegalStateException("connection refused");
        }, policy, new SessionAudit(events::add));
        assertEquals(Reason.SERVICE_UNAVAILABLE, broken.login(session, null, "alice", "secret", null));
    }

    @Test
    void policyUnreachableAtConnectRefusesWithServiceUnavailableOnTheRecord() {
        LoginFlow flow = new LoginFlow(new TenantResolver("files.example.com", "demo"), c -> {
            throw new AssertionError("identity must not be asked");
        }, new PolicyPort() {
            @Override
            public Decision checkConnect(String clientIp, String tenant, Protocol protocol) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public Decision checkLogin(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
                throw new AssertionError("not reached");
            }

            @Override
            public void reportLoginFailure(String clientIp, String tenant, String username, Protocol protocol) {
                throw new AssertionError("not a failed login");
            }
        }, new SessionAudit(events::add));
        assertEquals(Reason.SERVICE_UNAVAILABLE, flow.connect(session));
        assertEquals(List.of(AuditType.POLICY_DENIED), events.stream().map(AuditEvent::type).toList());
        assertEquals("service_unavailable", events.getFirst().reason());
    }

    @Test
    void bannedAddressIsRefusedAtConnect() {
        connectDecision = Decision.deny(Reason.ADDRESS_BANNED);
        assertEquals(Reason.ADDRESS_BANNED, flow().connect(session));
        assertEquals(List.of(AuditType.POLICY_DENIED), events.stream().map(AuditEvent::type).toList());
        assertNull(events.getFirst().tenant(), "the tenant is not known before login");
    }

    @Test
    void onlySessionsThatWereOpenedInTheAuditAreClosedInIt() {
        SessionAudit audit = new SessionAudit(events::add);
        GatewaySession probe = new GatewaySession("/gateway-test", Protocol.FTP, "192.0.2.9", 1);
        flow().connect(probe);
        audit.closed(probe); // a balancer's probe: connect, close, never a tenant
        assertTrue(events.isEmpty(), events.toString());

        flow().login(session, null, "alice", "secret", null);
        audit.closed(session);
        AuditEvent closed = events.getLast();
        assertEquals(AuditType.SESSION_CLOSED, closed.type());
        assertEquals("demo", closed.tenant());
    }

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyBlob alice@laptop";

    private LoginFlow keyFlow() {
        IdentityPort keys = new IdentityPort() {
            @Override
            public AuthResult authenticate(Credentials c) {
                throw new AssertionError("a key login never asks for a password check");
            }

            @Override
            public AuthResult authenticatePublicKey(String tenant, String username, String publicKey, String clientIp,
                                                    Protocol protocol, String sessionId) {
                seen.set(new Credentials(tenant, username, null, null, clientIp, protocol));
                return KEY.equals(publicKey)
                        ? AuthResult.ok(new Principal(tenant, username, "id-1", List.of(), "/" + username, List.of(),
                        List.of()))
                        : AuthResult.refused(Reason.BAD_CREDENTIALS);
            }
        };
        return new LoginFlow(new TenantResolver("files.example.com", "demo"), keys, policy, new SessionAudit(events::add));
    }

    @Test
    void publicKeyLoginRunsTheSameChain() {
        assertEquals(Reason.OK, keyFlow().loginWithPublicKey(session, null, "alice@acme.files.example.com", KEY));
        assertTrue(session.loggedIn());
        assertEquals("acme", seen.get().tenant());
        assertEquals("alice", seen.get().username());
        assertEquals("192.0.2.7", seen.get().clientIp());
        assertEquals(List.of(AuditType.SESSION_OPENED, AuditType.LOGIN_SUCCEEDED),
                events.stream().map(AuditEvent::type).toList());
    }

    @Test
    void anUnknownKeyIsAuditedButNotReportedAsAGuess() {
        assertEquals(Reason.BAD_CREDENTIALS, keyFlow().loginWithPublicKey(session, null, "alice", "ssh-ed25519 AAAAother"));
        assertFalse(session.loggedIn());
        assertTrue(failures.isEmpty(), "clients offer every key they hold: " + failures);
        assertEquals("bad_credentials", events.getLast().reason());
        assertEquals(AuditType.LOGIN_FAILED, events.getLast().type());
    }

    @Test
    void publicKeyLoginIsSubjectToUserPolicy() {
        loginDecision = Decision.deny(Reason.PROTOCOL_NOT_ALLOWED);
        assertEquals(Reason.PROTOCOL_NOT_ALLOWED, keyFlow().loginWithPublicKey(session, null, "alice", KEY));
        assertFalse(session.loggedIn());
        assertEquals(List.of(AuditType.SESSION_OPENED, AuditType.POLICY_DENIED, AuditType.LOGIN_FAILED),
                events.stream().map(AuditEvent::type).toList());
    }

    @Test
    void anIdentityPortWithoutKeySupportIsAnOutageNotACrash() {
        assertEquals(Reason.SERVICE_UNAVAILABLE, flow().loginWithPublicKey(session, null, "alice", KEY));
        assertFalse(session.loggedIn());
    }

    /** gateway-web: identity checks the browser's access token; the tenant comes from the portal's host name only. */
    private LoginFlow tokenFlow() {
        IdentityPort tokens = new IdentityPort() {
            @Override
            public AuthResult authenticate(Credentials c) {
                throw new AssertionError("a web sign-in never sends a password");
            }

            @Override
            public AuthResult authenticateToken(String tenant, String accessToken, String clientIp, Protocol protocol,
                                                String sessionId) {
                seen.set(new Credentials(tenant, null, null, null, clientIp, protocol));
                return "token-of-alice".equals(accessToken)
                        ? AuthResult.ok(new Principal(tenant, "alice", "id-1", List.of(), "/alice", List.of(),
                        List.of()))
                        : AuthResult.refused(Reason.BAD_CREDENTIALS);
            }
        };
        return new LoginFlow(new TenantResolver("files.example.com", null), tokens, policy,
                new SessionAudit(events::add));
    }

    @Test
    void webSignInRunsTheSameChainForTheTenantOfTheHost() {
        GatewaySession web = new GatewaySession("/gateway-web", Protocol.HTTPS, "192.0.2.7", 50000);
        assertEquals(Reason.OK, tokenFlow().loginWithToken(web, "acme.files.example.com", "alice", "token-of-alice"));
        assertTrue(web.loggedIn());
        assertEquals("acme", seen.get().tenant());
        assertEquals(Protocol.HTTPS, seen.get().protocol());
        assertEquals(List.of(AuditType.SESSION_OPENED, AuditType.LOGIN_SUCCEEDED),
                events.stream().map(AuditEvent::type).toList());
        assertEquals("https", events.getLast().protocol());
    }

    @Test
    void aRefusedWebTokenIsAuditedButNotReportedAsAGuess() {
        GatewaySession web = new GatewaySession("/gateway-web", Protocol.HTTPS, "192.0.2.7", 50000);
        assertEquals(Reason.BAD_CREDENTIALS, tokenFlow().loginWithToken(web, "acme.files.example.com", "alice",
                "stale-token"));
        assertFalse(web.loggedIn());
        assertTrue(failures.isEmpty(), "Keycloak's login page counted the guesses: " + failures);
        assertEquals(AuditType.LOGIN_FAILED, events.getLast().type());
        assertEquals(Reason.UNKNOWN_TENANT, tokenFlow().loginWithToken(web, "files.example.com", "alice",
                "token-of-alice"), "a host that names no tenant signs nobody in");
    }
}
