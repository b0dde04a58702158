package dev.wharf.identity.authn;

import dev.wharf.core.identity.Principal;
import dev.wharf.identity.testing.TestTotp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay and grace memory: expiry, keys, and forgetting a user. */
class InMemorySecondFactorStateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Principal P = new Principal("acme", "alice", "id", List.of(), "/alice", List.of(), List.of());

    @Test
    void anAcceptedCodeIsRememberedUntilItsEnd() {
        InMemorySecondFactorState s = new InMemorySecondFactorState();
        s.codeAccepted("acme", "alice", "123456", Instant.now().plusSeconds(90));
        assertTrue(s.wasAccepted("acme", "alice", "123456", Instant.now()));
        assertFalse(s.wasAccepted("acme", "alice", "654321", Instant.now()));
        assertFalse(s.wasAccepted("acme", "bob", "123456", Instant.now()));
        assertFalse(s.wasAccepted("other", "alice", "123456", Instant.now()));
        assertFalse(s.wasAccepted("acme", "alice", "123456", Instant.now().plusSeconds(91)));
    }

    @Test
    void aGraceWindowIsPerAddressAndEnds() {
        InMemorySecondFactorState s = new InMemorySecondFactorState();
        byte[] digest = {1, 2, 3};
        s.openGrace("acme", "alice", "192.0.2.1", new SecondFactorState.Grace(T0.plusSeconds(60), digest, P));
        assertArrayEquals(digest, s.grace("acme", "alice", "192.0.2.1", T0).orElseThrow().passwordDigest());
        assertTrue(s.grace("acme", "alice", "192.0.2.2", T0).isEmpty());
        assertTrue(s.grace("acme", "alice", "192.0.2.1", T0.plusSeconds(60)).isEmpty());
    }

    @Test
    void forgettingAUserDropsItsCodesAndWindowsOnly() {
        InMemorySecondFactorState s = new InMemorySecondFactorState();
        Instant later = Instant.now().plusSeconds(600);
        s.codeAccepted("acme", "alice", "123456", later);
        s.codeAccepted("acme", "alice2", "123456", later);
        s.openGrace("acme", "alice", "192.0.2.1", new SecondFactorState.Grace(later, new byte[1], P));
        s.forget("acme", "alice");
        assertFalse(s.wasAccepted("acme", "alice", "123456", Instant.now()));
        assertTrue(s.grace("acme", "alice", "192.0.2.1", Instant.now()).isEmpty());
        assertTrue(s.wasAccepted("acme", "alice2", "123456", Instant.now()));
    }

    @Test
    void theTestAuthenticatorMatchesRfc6238() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits), so 287082 with 6
        assertEquals("287082", TestTotp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Instant.ofEpochSecond(59)));
    }

    @Test
    void digestsDependOnEveryPartAndTheProcessKey() {
        CredentialDigest d = new CredentialDigest();
        assertTrue(CredentialDigest.same(d.digest("a", "b", "c"), d.digest("a", "b", "c")));
        assertFalse(CredentialDigest.same(d.digest("a", "b", "c"), d.digest("a", "bc", "")));
        assertFalse(CredentialDigest.same(d.digest("a", "b", "c"), new CredentialDigest().digest("a", "b", "c")));
    }
}
