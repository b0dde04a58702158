package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteModeTest {
    @Test
    void replaceKeepsNothing() {
        assertEquals(0, WriteMode.REPLACE.keptBytes(500));
        assertFalse(WriteMode.REPLACE.needsExisting());
    }

    @Test
    void resumeKeepsTheOffset() {
        WriteMode m = new WriteMode(200, false);
        assertTrue(m.needsExisting());
        assertEquals(200, m.keptBytes(500));
        assertEquals(200, m.keptBytes(200));
        assertEquals(Reason.INVALID_OFFSET, assertThrows(WharfException.class, () -> m.keptBytes(199)).reason());
    }

    @Test
    void appendKeepsEverything() {
        assertEquals(500, new WriteMode(0, true).keptBytes(500));
        assertEquals(0, new WriteMode(0, true).keptBytes(0));
        assertEquals(500, new WriteMode(500, true).keptBytes(500));
        assertEquals(Reason.INVALID_OFFSET,
                assertThrows(WharfException.class, () -> new WriteMode(10, true).keptBytes(500)).reason());
        assertEquals(Reason.INVALID_OFFSET, assertThrows(WharfException.class, () -> new WriteMode(-1, false)).reason());
    }
}
