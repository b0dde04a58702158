package dev.wharf.core.bandwidth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throttle on a clock of the test's own: pauses are computed, never waited for. */
class ThrottleTest {
    private long now = 5_000_000_000L;
    private final List<Long> pauses = new ArrayList<>();
    private final Throttle throttle = new Throttle(() -> now, nanos -> {
        pauses.add(nanos);
        now += nanos;
    });

    private long sendAll(long total, int buffer) throws Exception {
        long start = now;
        for (long sent = 0; sent < total; ) {
            int n = (int) Math.min(throttle.chunk(buffer), total - sent);
            throttle.take(n);
            sent += n;
        }
        return now - start;
    }

    @Test
    void unlimitedNeverPausesAndTakesWholeBuffers() throws Exception {
        assertEquals(0, sendAll(10_000_000, 65_536));
        assertEquals(65_536, throttle.chunk(65_536));
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aLimitedTransferTakesItsSizeOverTheRate() throws Exception {
        throttle.rate(100_000); // 100 kB/s: chunks of 10 kB
        assertEquals(10_000, throttle.chunk(65_536));
        long elapsed = sendAll(1_000_000, 65_536);
        // 1 MB at 100 kB/s is 10 s; the last 0.1 s may run ahead of the schedule
        assertEquals(10_000_000_000L - Throttle.TOLERANCE, elapsed);
    }

    @Test
    void transfersOfOneSessionShareTheRate() throws Exception {
        throttle.rate(50_000);
        long elapsed = 0;
        // two transfers interleaving chunks, as an SFTP client's parallel requests do
        for (int i = 0; i < 50; i++) {
            long before = now;
            throttle.take(throttle.chunk(65_536));
            throttle.take(throttle.chunk(65_536));
            elapsed += now - before;
        }
        // 2 x 50 x 5 kB = 500 kB at 50 kB/s: 10 s together, not 5 s each
        assertEquals(10_000_000_000L - Throttle.TOLERANCE, elapsed);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws Exception {
        throttle.rate(10_000);
        sendAll(10_000, 65_536);
        now += 60_000_000_000L; // a minute without transfers
        pauses.clear();
        long elapsed = sendAll(20_000, 65_536);
        assertEquals(2_000_000_000L - Throttle.TOLERANCE, elapsed, "paced from the first chunk after the pause");
    }

    @Test
    void aRateChangeAppliesFromTheNextChunk() throws Exception {
        throttle.rate(10_000);
        sendAll(10_000, 65_536);
        throttle.rate(Bandwidth.UNLIMITED);
        assertEquals(0, sendAll(10_000_000, 65_536));
        assertEquals(65_536, throttle.chunk(65_536));
    }

    @Test
    void bandwidthWireForm() {
        assertEquals(Bandwidth.NONE, Bandwidth.fromWire(null));
        Bandwidth b = new Bandwidth(1_048_576, Bandwidth.UNLIMITED);
        assertEquals(Map.of("upload", 1_048_576L), b.toWire());
        assertEquals(b, Bandwidth.fromWire(b.toWire()));
        assertThrows(RuntimeException.class, () -> new Bandwidth(0, Bandwidth.UNLIMITED), "0 would stop transfers");
    }
}
