package dev.wharf.tenancy;

import dev.wharf.core.WharfException;
import dev.wharf.core.bandwidth.Bandwidth;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A user's rate limits from its attributes, and as the admin API takes them. */
class QuotaAttributesTest {

    @Test
    void ratesFromAttributes() {
        assertEquals(Bandwidth.NONE, QuotaAttributes.bandwidth(Map.of()));
        assertEquals(new Bandwidth(65_536, Bandwidth.UNLIMITED), QuotaAttributes.bandwidth(Map.of(
                UserAttributes.UPLOAD_BYTES_PER_SECOND, List.of(" 65536 "))));
        assertEquals(new Bandwidth(QuotaAttributes.MIN_BYTES_PER_SECOND, QuotaAttributes.MIN_BYTES_PER_SECOND),
                QuotaAttributes.bandwidth(Map.of(UserAttributes.UPLOAD_BYTES_PER_SECOND, List.of("fast"),
                        UserAttributes.DOWNLOAD_BYTES_PER_SECOND, List.of("0"))),
                "a value written around the API slows transfers, never lifts the limit");
    }

    @Test
    void theAdminApiTakesAtLeastOneKibibytePerSecondOrMinusOne() {
        assertEquals(1024L, QuotaAttributes.checkedRate("uploadBytesPerSecond", 1024L));
        assertEquals(-1L, QuotaAttributes.checkedRate("uploadBytesPerSecond", -1L));
        assertEquals(null, QuotaAttributes.checkedRate("uploadBytesPerSecond", null));
        assertThrows(WharfException.class, () -> QuotaAttributes.checkedRate("uploadBytesPerSecond", 1023L));
        assertThrows(WharfException.class, () -> QuotaAttributes.checkedRate("uploadBytesPerSecond", -2L));
    }
}
