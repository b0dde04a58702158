package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;

/**
 * Which login refusals are explained to the user in an SSH banner, and how. A wrong password is not: the client
 * already says "Permission denied" and asks again, and a banner per attempt would only add noise. Everything the
 * user or their administrator can act on (change password, allowed address, protocol, 2FA, outage) is.
 */
public final class RefusalBanner {
    private RefusalBanner() {
    }

    public static boolean shows(Reason reason) {
        return reason != Reason.OK && reason != Reason.BAD_CREDENTIALS;
    }

    /** One line the client prints as is: the user message, then the code to quote to support. */
    public static String text(Reason reason) {
        return text(reason, null);
    }

    /**
     * As {@link #text(Reason)}, naming the tenant's web portal when identity gave one (password change and 2FA
     * set-up are done there). Only given after the right password, so it reveals nothing to a guesser.
     */
    public static String text(Reason reason, String portalUrl) {
        String portal = portalUrl == null || portalUrl.isBlank() || !printable(portalUrl) ? ""
                : " Web portal: " + portalUrl;
        return "Wharf: " + reason.userMessage() + portal + " (reason: " + reason.code() + ")\r\n";
    }

    private static boolean printable(String s) {
        return s.length() <= 512 && s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
