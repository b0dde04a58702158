package dev.wharf.edge.limits;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MaxStartups start:rate:full: the probability curve, the hard-cap and unlimited cases, the key's syntax. */
class StartupDropTest {
    private static double dropShare(StartupDrop d, int current) {
        Random r = new Random(7);
        int n = 20_000;
        int drops = 0;
        for (int i = 0; i < n; i++) {
            drops += d.drops(current, r) ? 1 : 0;
        }
        return (double) drops / n;
    }

    @Test
    void probabilityRisesLinearlyFromRateAtStartToAllAtFull() {
        StartupDrop d = new StartupDrop(10, 30, 100);
        assertEquals(0.0, dropShare(d, 9));
        assertEquals(0.30, dropShare(d, 10), 0.02);
        assertEquals(0.65, dropShare(d, 55), 0.02); // 30 + 70 * 45/90
        assertEquals(1.0, dropShare(d, 100));
        assertEquals(1.0, dropShare(d, 500));
    }

    @Test
    void blankEarlyDropIsAHardCapAndZeroIsUnlimited() {
        StartupDrop hard = StartupDrop.parse(5, " ", "k");
        assertFalse(hard.drops(4, new Random(1)));
        assertTrue(hard.drops(5, new Random(1)));
        StartupDrop startAboveFull = StartupDrop.parse(5, "10:30", "k");
        assertFalse(startAboveFull.drops(4, new Random(1)));
        assertTrue(startAboveFull.drops(5, new Random(1)), "start beyond full: a hard cap at full");
        assertFalse(StartupDrop.parse(0, "10:30", "k").drops(1_000_000, new Random(1)));
        assertFalse(StartupDrop.UNLIMITED.drops(Integer.MAX_VALUE, new Random(1)));
    }

    @Test
    void syntax() {
        assertEquals(new StartupDrop(10, 30, 100), StartupDrop.parse(100, "10:30", "k"));
        for (String bad : new String[]{"10", "10:30:100", "a:b", "10:101", "-1:30", "10:"}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> StartupDrop.parse(100, bad, "wharf.sftp.startups-early-drop"), bad);
            assertTrue(e.getMessage().startsWith("wharf.sftp.startups-early-drop: "), e.getMessage());
        }
    }
}
