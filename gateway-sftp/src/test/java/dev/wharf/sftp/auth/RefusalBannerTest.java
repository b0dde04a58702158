package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalBannerTest {

    @Test
    void anUnknownOrMissingSiteIsToldHowToNameIt() {
        String text = RefusalBanner.forLogin(Reason.UNKNOWN_TENANT, "alice@nosuch.files.example.com", null, false);
        assertEquals("Wharf: Login incorrect: the site in the user name is missing or unknown: log in as"
                + " <user>@<your site's host name> (SSH does not tell the server which host name you connected to)."
                + " (reason: unknown_tenant)\r\n", text);
        assertEquals(text, RefusalBanner.forLogin(Reason.UNKNOWN_TENANT, "alice", null, true));
    }

    @Test
    void aWrongPasswordGetsTheSiteHintOnlyForANameWithoutASite() {
        assertTrue(RefusalBanner.forLogin(Reason.BAD_CREDENTIALS, "alice", null, true)
                .contains("users of other sites log in as <user>@<your site's host name>"));
        assertNull(RefusalBanner.forLogin(Reason.BAD_CREDENTIALS, "alice@acme.files.example.com", null, true));
        assertNull(RefusalBanner.forLogin(Reason.BAD_CREDENTIALS, "alice", null, false));
        assertNull(RefusalBanner.forLogin(Reason.OK, "alice", null, true));
        assertTrue(RefusalBanner.forLogin(Reason.ACCOUNT_DISABLED, "alice", null, false).contains("account_disabled"));
    }
}
