package dev.wharf.ftp.data;

import org.apache.ftpserver.DataConnectionConfigurationFactory;
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
        DataConnectionConfigurationFactory f = new DataConnectionConfigurationFactory();
        f.setPassivePorts("41000-41001");
        AtomicInteger used = new AtomicInteger();
        PassivePortUsage usage = new PassivePortUsage(f.createDataConnectionConfiguration(), used);

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
