package dev.wharf.ftp.auth;

import dev.wharf.core.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The portal address in 530 texts: only for refusals fixed in the portal, and only when identity named one. */
class RefusalTextTest {
    private static final String URL = "https://portal.example.com/realms/acme/account";

    @Test
    void portalRefusalsNameThePortal() {
        assertEquals("Your password must be changed before you can log in: change it in the web portal at " + URL
                + ".", PassCommand.refusalText(Reason.PASSWORD_CHANGE_REQUIRED, URL));
        assertEquals("A 2FA code is required: append the 6-digit code from your authenticator app to your password; "
                + "set it up in the web portal at " + URL + ".", PassCommand.refusalText(Reason.SECOND_FACTOR_REQUIRED, URL));
        assertEquals(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED.userMessage() + " Web portal: " + URL,
                PassCommand.refusalText(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED, URL));
    }

    @Test
    void otherRefusalsAndMissingUrlsKeepTheirText() {
        assertEquals(Reason.BAD_CREDENTIALS.userMessage(), PassCommand.refusalText(Reason.BAD_CREDENTIALS, URL));
        assertEquals(Reason.ACCOUNT_EXPIRED.userMessage(), PassCommand.refusalText(Reason.ACCOUNT_EXPIRED, URL));
        assertEquals(Reason.SESSION_LIMIT_REACHED.userMessage(),
                PassCommand.refusalText(Reason.SESSION_LIMIT_REACHED, URL));
        assertEquals(Reason.PASSWORD_CHANGE_REQUIRED.userMessage(),
                PassCommand.refusalText(Reason.PASSWORD_CHANGE_REQUIRED, null));
    }
}
