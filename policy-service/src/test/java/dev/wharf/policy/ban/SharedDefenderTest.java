package dev.wharf.policy.ban;

import dev.wharf.launcher.Poll;
import dev.wharf.launcher.TestComponents;
import dev.wharf.policy.testing.Defenders;
import dev.wharf.policy.testing.PolicyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.wharf.state.KafkaSharedLog;
import dev.wharf.state.SharedLogConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two policy-service replicas (two defenders over two Kafka logs on one topic) share their bans. A Quarkus test
 * only to share the application's class loader, and so its Kafka, instead of starting another broker.
 */
@QuarkusTest
@QuarkusTestResource(PolicyTestResource.class)
class SharedDefenderTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Defender replica(String topic) {
        SharedLogConfig kafka = new SharedLogConfig(TestComponents.kafka().bootstrapServers(), "policy-test");
        Clock clock = Clock.systemUTC();
        DefenderSettings settings = Defenders.settings();
        return new Defender(settings, clock, handler -> KafkaSharedLog.start(kafka, topic, DefenderEvent.class,
                settings.history(), handler, clock));
    }

    private static boolean banned(Defender d, String ip) {
        return d.bannedUntil(ip, Instant.now()).isPresent();
    }

    @Test
    void failuresReportedToEitherReplicaBanOnBothAndALiftLiftsOnBoth() {
        String topic = "wharf.policy.defender.test-" + UUID.randomUUID();
        String ip = "203.0.113.200";
        try (Defender a = replica(topic); Defender b = replica(topic)) {
            Poll.until("both replicas caught up", WAIT, null, () -> a.caughtUp() && b.caughtUp());
            a.recordFailure(ip, "acme", "mallory", "sftp");
            b.recordFailure("::ffff:" + ip, "acme", "mallory", "sftp");
            a.recordFailure(ip, "acme", "mallory", "ftps");
            Poll.until("the ban on replica a", WAIT, null, () -> banned(a, ip));
            Poll.until("the ban on replica b", WAIT, null, () -> banned(b, ip));
            assertEquals(a.bans(), b.bans());
            assertEquals(Ban.ADDRESS_FAILURES, b.bans().get(0).reason());

            assertTrue(b.lift(ip, "operator"));
            assertFalse(banned(b, ip), "lifted at once on the replica that was asked");
            Poll.until("the lift on replica a", WAIT, null, () -> !banned(a, ip));
        }

        // a replica started later replays the history: the second ban (offence 2) is known to it
        try (Defender a = replica(topic)) {
            Poll.until("a new replica caught up", WAIT, null, a::caughtUp);
            assertFalse(banned(a, ip), "the lift is replayed too");
            for (int i = 0; i < 3; i++) {
                a.recordFailure(ip, "acme", "mallory", "sftp");
            }
            Poll.until("banned again", WAIT, null, () -> banned(a, ip));
            assertEquals(1, a.bans().get(0).offences(), "a lift forgets the earlier offences");
        }
        try (Defender c = replica(topic)) {
            Poll.until("a third replica caught up", WAIT, null, c::caughtUp);
            assertTrue(banned(c, ip), "bans in force are replayed at start");
        }
    }
}
