package dev.wharf.ftp.data;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.impl.DefaultDataConnectionConfiguration;
import org.apache.ftpserver.impl.PassivePorts;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PassivePortUsageTest {

    @Test
    void aSliceIsSizedFromItsSpecification() {
        assertEquals(20, PassivePortUsage.size("30000-30019"));
        assertEquals(21, PassivePortUsage.size("30000-30019, 30100"));
        assertEquals(0, PassivePortUsage.size("0"), "any port: no slice to exhaust");
        assertEquals(65535 - 60000 + 1, PassivePortUsage.size("60000-"));
    }

    @Test
    void portsTakenAndGivenBackAreCountedAndAnExhaustedSliceIsNot() {
        // as FtpGateway builds it: a pool that does not probe the ports (so another process on them does not matter)
        DataConnectionConfiguration pool = new DefaultDataConnectionConfiguration(300, null, false, true, null, 0,
                null, new PassivePorts("41000-41001", false), null, false, false);
        AtomicInteger used = new AtomicInteger();
        PassivePortUsage usage = new PassivePortUsage(pool, used);

        int first = usage.requestPassivePort();
        int second = usage.requestPassivePort();
        assertNotEquals(-1, first);
        assertNotEquals(-1, second);
        assertEquals(2, used.get());
        assertEquals(-1, usage.requestPassivePort(), "the slice is exhausted");
        assertEquals(2, used.get(), "a refused request takes nothing");
        usage.releasePassivePort(first);
        assertEquals(1, used.get());
    }
}
