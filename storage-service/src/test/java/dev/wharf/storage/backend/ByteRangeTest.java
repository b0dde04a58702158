package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteRangeTest {
    @Test
    void parsesTheFormsAResumingClientSends() {
        assertTrue(ByteRange.parse(null).isAll());
        assertEquals(new ByteRange(100, -1), ByteRange.parse("bytes=100-"));
        assertEquals(new ByteRange(5, 9), ByteRange.parse("bytes=5-9"));
        assertEquals(new ByteRange(0, -1), ByteRange.parse(" bytes=0- "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=-10", "bytes=1-2,5-6", "items=1-", "bytes=a-", "bytes=9-5", "bytes=", "bytes=-"})
    void refusesOtherForms(String header) {
        assertEquals(Reason.BAD_REQUEST, assertThrows(WharfException.class, () -> ByteRange.parse(header)).reason());
    }

    @Test
    void lengthStopsAtTheEnd() {
        assertEquals(60, new ByteRange(40, -1).length(100));
        assertEquals(10, new ByteRange(10, 19).length(100));
        assertEquals(5, new ByteRange(95, 200).length(100));
        assertEquals(0, new ByteRange(100, -1).length(100));
        new ByteRange(100, -1).checkWithin(100);
        assertEquals(Reason.INVALID_OFFSET,
                assertThrows(WharfException.class, () -> new ByteRange(101, -1).checkWithin(100)).reason());
    }
}
