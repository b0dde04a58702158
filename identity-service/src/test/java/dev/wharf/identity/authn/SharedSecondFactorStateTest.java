package dev.wharf.identity.authn;

import dev.wharf.core.identity.Principal;
import dev.wharf.launcher.Poll;
import dev.wharf.launcher.TestComponents;
import dev.wharf.state.KafkaSharedLog;
import dev.wharf.state.LocalSharedLog;
import dev.wharf.state.SharedLogConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2FA state shared by two "replicas" over the real Kafka of wharf-launcher, and its rules in one process. */
class SharedSecondFactorStateTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String KEY = "a-shared-secret-of-the-replicas";
    private static final Principal ALICE = new Principal("acme", "alice", "id-1", List.of("staff"), "/alice",
            List.of("sftp"), List.of());

    private static SharedSecondFactorState replica(String topic) {
        SharedLogConfig kafka = new SharedLogConfig(TestComponents.kafka().bootstrapServers(), "identity-test");
        return new SharedSecondFactorState(new CredentialDigest(KEY), Clock.systemUTC(),
                handler -> KafkaSharedLog.start(kafka, topic, SecondFactorEvent.class,
                        SharedSecondFactorState.REPLAY_WINDOW, handler));
    }

    @Test
    void aGraceGrantedOnOneReplicaIsHonouredByAnotherAndAForgetReachesBoth() {
        String topic = "wharf.identity.test-" + UUID.randomUUID();
        try (SharedSecondFactorState a = replica(topic); SharedSecondFactorState b = replica(topic)) {
            Poll.until("both replicas caught up", WAIT, null, () -> a.caughtUp() && b.caughtUp());
            Instant now = Instant.now();
            byte[] digest = new CredentialDigest(KEY).digest("acme", "alice", "secret-password");
            a.openGrace("acme", "alice", "192.0.2.7", new SecondFactorState.Grace(now.plusSeconds(300), digest, ALICE));
            a.codeAccepted("acme", "alice", "123456", now.plusSeconds(90));

            Poll.until("b knows a's grace window", WAIT, null,
                    () -> b.grace("acme", "alice", "192.0.2.7", Instant.now()).isPresent());
            SecondFactorState.Grace seen = b.grace("acme", "alice", "192.0.2.7", Instant.now()).orElseThrow();
            assertArrayEquals(digest, seen.passwordDigest());
            assertTrue(seen.principal().equals(ALICE), seen.principal().toString());
            assertTrue(b.grace("acme", "alice", "198.51.100.1", Instant.now()).isEmpty(), "another address");
            Poll.until("b knows the accepted code", WAIT, null,
                    () -> b.wasAccepted("acme", "alice", "123456", Instant.now()));
            assertFalse(b.wasAccepted("acme", "alice", "654321", Instant.now()));

            // a replica starting now replays the window
            try (SharedSecondFactorState late = replica(topic)) {
                Poll.until("a late replica caught up", WAIT, null, late::caughtUp);
                assertTrue(late.grace("acme", "alice", "192.0.2.7", Instant.now()).isPresent());
            }

            b.forget("acme", "alice");
            Poll.until("a drops the grace window b forgot", WAIT, null,
                    () -> a.grace("acme", "alice", "192.0.2.7", Instant.now()).isEmpty()
                            && !a.wasAccepted("acme", "alice", "123456", Instant.now()));
        }
    }

    @Test
    void anEntryPublishedBeforeAForgetDoesNotComeBack() {
        List<SecondFactorEvent> held = new java.util.ArrayList<>();
        // a log that holds this replica's events back, as Kafka does, and delivers them later
        SharedSecondFactorState s = new SharedSecondFactorState(new CredentialDigest(KEY), Clock.systemUTC(),
                handler -> new LocalSharedLog<SecondFactorEvent>(held::add));
        Instant now = Instant.now();
        s.openGrace("acme", "alice", "192.0.2.7", new SecondFactorState.Grace(now.plusSeconds(300), new byte[32],
                ALICE));
        assertTrue(s.grace("acme", "alice", "192.0.2.7", now).isPresent(), "applied at once");
        s.forget("acme", "alice");
        assertTrue(s.grace("acme", "alice", "192.0.2.7", now).isEmpty());
        held.forEach(s::apply);
        assertTrue(s.grace("acme", "alice", "192.0.2.7", Instant.now()).isEmpty(), "the echo of the older grace");

        // expired entries are not applied either
        s.apply(new SecondFactorEvent("code", "acme", "bob", "x", null, Instant.now(), Instant.now().minusSeconds(1),
                null));
        assertFalse(s.wasAccepted("acme", "bob", "x", Instant.now()));
    }

    @Test
    void replicasWithDifferentKeysDoNotRecogniseEachOthersCredentials() {
        assertFalse(CredentialDigest.same(new CredentialDigest(KEY).digest("acme", "alice", "pw"),
                new CredentialDigest("another-secret-of-other-replicas").digest("acme", "alice", "pw")));
        assertArrayEquals(new CredentialDigest(KEY).digest("acme", "alice", "pw"),
                new CredentialDigest(KEY).digest("acme", "alice", "pw"));
        assertFalse(new CredentialDigest((String) null).shared());
    }
}
