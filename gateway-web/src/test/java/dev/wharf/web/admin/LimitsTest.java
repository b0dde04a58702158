package dev.wharf.web.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LimitsTest {
    @Test
    void bytesAreExactWithTheBinaryUnitBeside() {
        assertEquals("512 bytes", Limits.bytes(512));
        assertEquals("1,048,576 bytes (1.0 MiB)", Limits.bytes(1_048_576));
        assertEquals("53,687,091,200 bytes (50.0 GiB)", Limits.bytes(50L * 1024 * 1024 * 1024));
    }

    @Test
    void absentLimitsReadAsNone() {
        assertEquals("none", Limits.quota(null, null));
        assertEquals("any size, 1,000 files", Limits.quota(null, 1000L));
        assertEquals("none", Limits.bandwidth(null, null));
        assertEquals("upload unlimited, download 2,097,152 bytes (2.0 MiB)/s", Limits.bandwidth(null, 2_097_152L));
        assertEquals("not known now (storage-service did not answer)", Limits.used(null, null));
        assertEquals("0 bytes in 0 files", Limits.used(0L, 0L));
    }
}
