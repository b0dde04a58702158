package dev.wharf.core.grant;

import dev.wharf.core.access.AccessRules;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection gateway keeps idle sessions' grants alive and reports each session's end once. */
class LiveGrantsTest {
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private final List<String> renewed = new CopyOnWriteArrayList<>();
    private final IdentityPort identity = new IdentityPort() {
        @Override
        public AuthResult authenticate(Credentials credentials) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void endSession(String grantToken) {
            ended.add(grantToken);
        }
    };

    private GatewaySession session(String token, Instant expires) {
        GatewaySession s = new GatewaySession("test", Protocol.SFTP, "127.0.0.1", 50000);
        s.login(new Principal("acme", "alice", "id", List.of(), "/alice", List.of(), List.of()),
                new SessionGrant("acme", new IssuedGrant(token, expires, AccessRules.NONE), g -> {
                    renewed.add(g.token());
                    return new IssuedGrant(g.token() + "+", Instant.now().plus(Duration.ofMinutes(5)),
                            AccessRules.NONE);
                }));
        return s;
    }

    @Test
    void aSweepRenewsOnlyTheGrantsThatAreDue() {
        try (LiveGrants live = new LiveGrants(identity)) {
            live.add(session("due", Instant.now().minusSeconds(1)));
            live.add(session("fresh", Instant.now().plus(Duration.ofMinutes(5))));
            live.sweep();
            assertEquals(List.of("due"), renewed);
        }
    }

    @Test
    void aClosedSessionIsReportedOnceWithItsCurrentGrantAndNoLongerRenewed() throws InterruptedException {
        try (LiveGrants live = new LiveGrants(identity)) {
            GatewaySession s = session("t1", Instant.now().plusSeconds(30));
            live.add(s);
            live.closed(s);
            live.closed(s);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ended.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(List.of("t1"), ended);
            assertEquals(0, live.size());
            live.sweep();
            assertTrue(renewed.isEmpty(), "a closed session's grant is not renewed: " + renewed);
        }
    }

    @Test
    void aGrantOfALoginThePolicyRefusedIsReportedEndedAtOnce() {
        try (LiveGrants live = new LiveGrants(identity)) {
            GatewaySession s = new GatewaySession("test", Protocol.FTPS, "127.0.0.1", 50000);
            live.discarded(s, new IssuedGrant("refused-login", Instant.now().plusSeconds(30), AccessRules.NONE));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ended.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(List.of("refused-login"), ended);
            assertEquals(0, live.size());
        }
    }

    @Test
    void noneTracksNothing() {
        LiveGrants none = LiveGrants.none();
        GatewaySession s = session("t", Instant.now().plusSeconds(30));
        none.add(s);
        none.closed(s);
        assertEquals(0, none.size());
        assertTrue(ended.isEmpty());
    }
}
