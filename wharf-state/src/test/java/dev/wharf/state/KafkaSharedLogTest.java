package dev.wharf.state;

import dev.wharf.launcher.Poll;
import dev.wharf.launcher.Ports;
import dev.wharf.launcher.TestComponents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the real Kafka broker of wharf-launcher. */
class KafkaSharedLogTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** An event as services define them: a record, with a time. */
    public record Note(String text, Instant at) {
    }

    private static SharedLogConfig config() {
        return new SharedLogConfig(TestComponents.kafka().bootstrapServers(), "wharf-state-test");
    }

    private static String topic() {
        return "wharf.state.test-" + UUID.randomUUID();
    }

    @Test
    void twoLogsOnOneTopicSeeEachOthersEvents() {
        String topic = topic();
        List<Note> seenByA = new CopyOnWriteArrayList<>();
        List<Note> seenByB = new CopyOnWriteArrayList<>();
        try (KafkaSharedLog<Note> a = KafkaSharedLog.start(config(), topic, Note.class, Duration.ofHours(1),
                seenByA::add);
             KafkaSharedLog<Note> b = KafkaSharedLog.start(config(), topic, Note.class, Duration.ofHours(1),
                     seenByB::add)) {
            Poll.until("both logs caught up", WAIT, null, () -> a.caughtUp() && b.caughtUp());
            Note fromA = new Note("from a", Instant.parse("2030-01-01T00:00:00Z"));
            Note fromB = new Note("from b", Instant.parse("2030-01-01T00:00:01Z"));
            a.publish("k", fromA);
            Poll.until("b sees a's event", WAIT, null, () -> seenByB.contains(fromA));
            b.publish("k", fromB);
            Poll.until("a sees b's event", WAIT, null, () -> seenByA.contains(fromB));
            Poll.until("b sees its own event", WAIT, null, () -> seenByB.contains(fromB));
            assertEquals(List.of(fromA, fromB), seenByA);
            assertEquals(List.of(fromA, fromB), seenByB);
        }
    }

    @Test
    void aNewLogReplaysTheWindowAndNotOlderEvents() {
        String topic = topic();
        Instant now = Instant.now();
        MovableClock clock = new MovableClock(now.minus(Duration.ofHours(2)));
        List<Note> seen = new CopyOnWriteArrayList<>();
        Note old = new Note("two hours ago", now.minus(Duration.ofHours(2)));
        Note recent = new Note("now", now);
        try (KafkaSharedLog<Note> writer = KafkaSharedLog.start(config(), topic, Note.class, Duration.ofHours(1),
                seen::add, clock)) {
            Poll.until("writer caught up", WAIT, null, writer::caughtUp);
            writer.publish("k", old);
            Poll.until("the old event is written", WAIT, null, () -> seen.contains(old));
            clock.set(now);
            writer.publish("k", recent);
            Poll.until("the recent event is written", WAIT, null, () -> seen.contains(recent));
        }
        List<Note> replayed = new CopyOnWriteArrayList<>();
        try (KafkaSharedLog<Note> late = KafkaSharedLog.start(config(), topic, Note.class, Duration.ofHours(1),
                replayed::add)) {
            Poll.until("the new log caught up", WAIT, null, late::caughtUp);
            // caught up means the window's events were applied before: no waiting for more
            assertEquals(List.of(recent), replayed);
        }
    }

    @Test
    void startsWhileKafkaIsDownAndClosesCleanly() {
        SharedLogConfig nowhere = new SharedLogConfig("127.0.0.1:" + Ports.free(), "wharf-state-test");
        List<Note> seen = new CopyOnWriteArrayList<>();
        KafkaSharedLog<Note> log = KafkaSharedLog.start(nowhere, topic(), Note.class, Duration.ofMinutes(5),
                seen::add);
        assertFalse(log.caughtUp());
        log.publish("k", new Note("lost", Instant.now()));
        long start = System.nanoTime();
        log.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0,
                "close took too long");
        assertFalse(log.caughtUp());
        assertTrue(seen.isEmpty());
        assertThrows(IllegalStateException.class, () -> log.publish("k", new Note("after", Instant.now())));
    }

    @Test
    void closeStopsDeliveryAndRefusesPublishing() {
        String topic = topic();
        List<Note> seen = new CopyOnWriteArrayList<>();
        KafkaSharedLog<Note> log = KafkaSharedLog.start(config(), topic, Note.class, Duration.ofMinutes(5), seen::add);
        Poll.until("caught up", WAIT, null, log::caughtUp);
        Note n = new Note("one", Instant.now());
        log.publish("k", n);
        Poll.until("the event is seen", WAIT, null, () -> seen.contains(n));
        log.close();
        log.close();
        assertThrows(IllegalStateException.class, () -> log.publish("k", n));
        assertEquals(0, log.dropped());
        assertEquals(List.of(n), seen);
    }

    @Test
    void retentionIsALittleAboveTheWindow() {
        assertEquals(Duration.ofHours(2), KafkaSharedLog.retention(Duration.ofHours(1)));
        assertEquals(Duration.ofHours(30), KafkaSharedLog.retention(Duration.ofHours(24)));
    }

    @Test
    void localLogDeliversAtOnceAndIsAlwaysCaughtUp() {
        List<Note> seen = new CopyOnWriteArrayList<>();
        LocalSharedLog<Note> log = LocalSharedLog.start(seen::add);
        Note n = new Note("x", Instant.now());
        log.publish("k", n);
        assertEquals(List.of(n), seen);
        assertTrue(log.caughtUp());
        log.close();
        assertThrows(IllegalStateException.class, () -> log.publish("k", n));
    }

    /** A clock a test sets by hand: record times in the past without waiting. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
