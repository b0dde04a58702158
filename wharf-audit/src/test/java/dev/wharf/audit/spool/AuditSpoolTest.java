package dev.wharf.audit.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spool on a real file system: order, bounds, acknowledgement, restart and torn writes. */
class AuditSpoolTest {
    @TempDir
    Path dir;

    private SpoolSettings small() {
        return new SpoolSettings(dir, 8 * 1024, 2 * 1024, 4 * 1024);
    }

    private static List<String> readAll(AuditSpool spool) throws IOException {
        List<String> values = new ArrayList<>();
        try (AuditSpool.Reader r = spool.reader()) {
            for (int i = 0; i < 100_000; i++) {
                AuditSpool.Frame f = r.next();
                if (f == null) {
                    break;
                }
                values.add(f.key() + "=" + f.value());
            }
        }
        return values;
    }

    private static String event(int n) {
        return "{\"id\":\"e-" + n + "\",\"pad\":\"" + "x".repeat(100) + "\"}";
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentsAndRestarts() throws IOException {
        List<String> expected = new ArrayList<>();
        try (AuditSpool spool = AuditSpool.open(small())) {
            for (int i = 0; i < 30; i++) {
                spool.append(i % 2 == 0 ? "acme" : "_platform", event(i));
                expected.add((i % 2 == 0 ? "acme" : "_platform") + "=" + event(i));
            }
            assertEquals(expected, readAll(spool));
            assertTrue(segments().size() > 1, "4 KiB segments roll: " + segments());
        }
        try (AuditSpool again = AuditSpool.open(small())) {
            assertEquals(expected, readAll(again), "nothing acknowledged: everything is read again after a restart");
        }
    }

    @Test
    void acknowledgedRecordsAreNotReadAgainAndTheirSegmentsGo() throws IOException {
        SpoolSettings roomy = new SpoolSettings(dir, 64 * 1024, 2 * 1024, 4 * 1024);
        try (AuditSpool spool = AuditSpool.open(roomy)) {
            for (int i = 0; i < 60; i++) {
                spool.append("acme", event(i));
            }
            long full = spool.used();
            AuditSpool.Position fortieth;
            try (AuditSpool.Reader r = spool.reader()) {
                AuditSpool.Frame f = null;
                for (int i = 0; i < 40; i++) {
                    f = r.next();
                }
                fortieth = f.end();
            }
            int before = segments().size();
            spool.acknowledge(fortieth);
            spool.saveAcknowledged();
            assertTrue(spool.used() < full, spool.used() + " of " + full);
            assertTrue(segments().size() < before, "wholly acknowledged segments are deleted");
        }
        try (AuditSpool again = AuditSpool.open(roomy)) {
            List<String> left = readAll(again);
            assertEquals(20, left.size(), left.toString());
            assertEquals("acme=" + event(40), left.get(0));
        }
    }

    @Test
    void aFullSpoolStopsAcceptingAtTheHeadroomRefusesAtTheLimitAndAcceptsOnceDrained() throws IOException {
        try (AuditSpool spool = AuditSpool.open(small())) {
            int n = 0;
            for (; n < 1_000 && spool.accepting(); n++) {
                spool.append("acme", event(n));
            }
            assertEquals(AuditSpool.State.FULL, spool.state());
            assertTrue(spool.used() > 6 * 1024 && spool.used() <= 8 * 1024, "refusing new work at the headroom: "
                    + spool.used());
            // the headroom still takes the events of work already started
            spool.append("acme", event(n++));
            AuditSpool.Refused refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                try {
                    spool.append("acme", event(n++));
                } catch (AuditSpool.Refused e) {
                    refused = e;
                }
            }
            assertTrue(refused != null && refused.state() == AuditSpool.State.FULL, "refused at the limit");
            assertTrue(spool.used() <= 8 * 1024);

            AuditSpool.Position end = null;
            try (AuditSpool.Reader r = spool.reader()) {
                for (AuditSpool.Frame f = r.next(); f != null; f = r.next()) {
                    end = f.end();
                }
            }
            spool.acknowledge(end);
            spool.saveAcknowledged();
            assertEquals(0, spool.used());
            assertTrue(spool.accepting(), "drained: accepting again");
            spool.append("acme", event(n));
        }
    }

    @Test
    void concurrentAppendersShareForcesAndLoseNothing() throws Exception {
        int threads = 8;
        int each = 200;
        try (AuditSpool spool = AuditSpool.open(SpoolSettings.defaults(dir))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            spool.append("t" + thread, "{\"n\":" + i + "}");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> all = readAll(spool);
            assertEquals(threads * each, all.size());
            for (int t = 0; t < threads; t++) {
                String key = "t" + t + "=";
                List<String> mine = all.stream().filter(v -> v.startsWith(key)).toList();
                assertEquals(each, mine.size());
                for (int i = 0; i < each; i++) {
                    assertEquals(key + "{\"n\":" + i + "}", mine.get(i), "each writer's records in its order");
                }
            }
        }
    }

    @Test
    void aTornTailIsSkippedCountedAndTheRecordsBeforeItKept() throws IOException {
        try (AuditSpool spool = AuditSpool.open(small())) {
            spool.append("acme", event(1));
            spool.append("acme", event(2));
        }
        // a crash in the middle of a write: a header promising 500 bytes, and 10 of them
        Path last = segments().getLast();
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(18).putInt(500).putInt(42).put(new byte[10]).flip());
        }
        try (AuditSpool spool = AuditSpool.open(small())) {
            spool.append("acme", event(3));
            assertEquals(List.of("acme=" + event(1), "acme=" + event(2), "acme=" + event(3)), readAll(spool));
            assertEquals(1, spool.corruptFrames());
        }
    }

    @Test
    void aFlippedByteFailsItsChecksumAndEndsWhatIsReadOfThatSegment() throws IOException {
        try (AuditSpool spool = AuditSpool.open(small())) {
            spool.append("acme", event(1));
            spool.append("acme", event(2));
        }
        Path first = segments().getFirst();
        try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long second = ch.size() / 2 + 20; // inside the second frame's payload
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, second);
            b.put(0, (byte) (b.get(0) ^ 0x01)).rewind();
            ch.write(b, second);
        }
        try (AuditSpool spool = AuditSpool.open(small())) {
            assertEquals(List.of("acme=" + event(1)), readAll(spool));
            assertEquals(1, spool.corruptFrames());
        }
    }

    @Test
    void oneProcessPerDirectory() throws IOException {
        try (AuditSpool spool = AuditSpool.open(small())) {
            assertThrows(IOException.class, () -> AuditSpool.open(small()));
        }
        AuditSpool.open(small()).close();
    }

    @Test
    void aClosedSpoolRefuses() throws IOException {
        AuditSpool spool = AuditSpool.open(small());
        spool.close();
        AuditSpool.Refused e = assertThrows(AuditSpool.Refused.class, () -> spool.append("acme", "{}"));
        assertEquals(AuditSpool.State.CLOSED, e.state());
        assertFalse(spool.accepting());
    }

    @Test
    void aReaderStopsAtTheLastWholeRecord() throws IOException {
        try (AuditSpool spool = AuditSpool.open(small()); AuditSpool.Reader r = spool.reader()) {
            assertNull(r.next());
            spool.append("acme", event(1));
            assertEquals(event(1), r.next().value());
            assertNull(r.next());
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(AuditSpool.SUFFIX)).sorted().toList();
        }
    }
}
