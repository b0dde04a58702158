package dev.wharf.web.admin;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsFormTest {
    @Test
    void sizesAreReadWithBinaryUnitsAndEmptyRemovesTheLimit() {
        assertEquals(50L << 30, LimitsForm.bytes("quota", "50GB"));
        assertEquals(50L << 30, LimitsForm.bytes("quota", " 50 g "));
        assertEquals(2L << 20, LimitsForm.bytes("quota", "2MiB"));
        assertEquals(512L << 10, LimitsForm.bytes("quota", "512k"));
        assertEquals(1000, LimitsForm.bytes("quota", "1000"));
        assertEquals(1000, LimitsForm.bytes("quota", "1000 bytes"));
        assertEquals(LimitsForm.REMOVE, LimitsForm.bytes("quota", ""));
        assertEquals(LimitsForm.REMOVE, LimitsForm.bytes("quota", null));
    }

    @Test
    void badInputSaysWhatTheFieldWants() {
        for (String bad : List.of("lots", "50 GBs", "-5", "1.5g", "5x", "99999999999999999t")) {
            WharfException e = assertThrows(WharfException.class, () -> LimitsForm.bytes("quota", bad), bad);
            assertEquals(Reason.BAD_REQUEST, e.reason());
            assertTrue(e.detail().startsWith("quota must be a number of bytes like 50GB")
                    || e.detail().contains("too large"), e.detail());
        }
        WharfException files = assertThrows(WharfException.class, () -> LimitsForm.count("the most files", "many"));
        assertTrue(files.detail().startsWith("the most files must be a whole number like 1000"),
                files.detail());
        WharfException day = assertThrows(WharfException.class, () -> LimitsForm.day("the expiry date", "31/12/27"));
        assertTrue(day.getMessage().contains("a date like 2027-12-31"), day.getMessage());
        assertTrue(assertThrows(WharfException.class, () -> LimitsForm.bytes("quota", "a\u0007b")).getMessage()
                .contains("\"a?b\""), "control characters are not echoed");
    }

    @Test
    void countsAndDays() {
        assertEquals(100_000, LimitsForm.count("files", "100,000"));
        assertEquals(LimitsForm.REMOVE, LimitsForm.count("files", " "));
        assertEquals("2027-01-31", LimitsForm.day("expiry", "2027-01-31"));
        assertEquals("", LimitsForm.day("expiry", ""));
        assertEquals(90, LimitsForm.days("age", " 90 "));
        assertEquals(0, LimitsForm.days("age", ""), "empty: no maximum");
        assertEquals(0, LimitsForm.days("age", "0"));
        assertEquals(Integer.MAX_VALUE, LimitsForm.days("age", "99999999999"), "identity-service refuses it");
        WharfException age = assertThrows(WharfException.class, () -> LimitsForm.days("the password's age", "3 mo"));
        assertTrue(age.detail().startsWith("the password's age must be a whole number"), age.detail());
    }

    @Test
    void fieldsShowTheLargestWholeUnit() {
        assertEquals("", LimitsForm.size(null));
        assertEquals("50G", LimitsForm.size(50L << 30));
        assertEquals("1536K", LimitsForm.size(1536L * 1024));
        assertEquals("1000", LimitsForm.size(1000L));
        assertEquals("0", LimitsForm.size(0L));
        for (long v : new long[]{0, 1000, 1 << 20, 3L << 40, 1536L * 1024, 4L << 50}) {
            assertEquals(v, LimitsForm.bytes("quota", LimitsForm.size(v)), "a shown size reads back: " + v);
        }
    }
}
