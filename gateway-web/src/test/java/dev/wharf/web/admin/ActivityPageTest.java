package dev.wharf.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.WireJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivityPageTest {
    private static JsonNode event(String json) throws Exception {
        return WireJson.mapper().readTree(json);
    }

    @Test
    void anAdminChangeShowsItsActionAndTarget() throws Exception {
        ActivityPage.Row r = ActivityPage.row(event("""
                {"type":"dev.wharf.admin.changed","time":"2026-12-07T18:00:00Z",
                 "data":{"action":"user.created","actor":"ada@demo","user":"ada","target":"kim"}}"""));
        assertEquals("user.created", r.action());
        assertEquals("2026-12-07 18:00:00", r.time());
        assertEquals("2026-12-07T18:00:00Z", r.instant());
        assertEquals("ada → kim", r.user());
        assertFalse(r.failed());
    }

    @Test
    void aRefusedLoginIsAFailureWithItsReason() throws Exception {
        ActivityPage.Row r = ActivityPage.row(event("""
                {"type":"dev.wharf.login.failed","time":"2026-12-07T18:00:00Z",
                 "data":{"user":"kim","protocol":"sftp","clientAddress":"192.0.2.7","reason":"bad_credentials"}}"""));
        assertEquals("login.failed", r.action());
        assertEquals("kim", r.user());
        assertTrue(r.failed());
        assertEquals("bad_credentials", r.reason());
        assertEquals("192.0.2.7", r.address());
    }

    @Test
    void timesToTheSecond() {
        assertEquals("2026-12-07 18:33:51", ActivityPage.readable("2026-12-07T18:33:51.554133686Z"));
        assertEquals("not a time", ActivityPage.readable("not a time"));
    }

    @Test
    void theWindowsAreBounded() {
        assertEquals(java.util.List.of("15m", "1h", "24h", "7d"), java.util.List.copyOf(ActivityPage.WINDOWS.keySet()));
        assertTrue(ActivityPage.MAX_CALLS * ActivityPage.PAGE <= 5000, "what one view reads is bounded");
    }
}
