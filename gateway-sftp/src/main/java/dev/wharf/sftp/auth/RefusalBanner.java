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

    // SSH carries no host name: on a shared address only the user name can name the site
    private static final String NAME_THE_SITE = "log in as <user>@<your site's host name>"
            + " (SSH does not tell the server which host name you connected to)";

    public static boolean shows(Reason reason) {
        return reason != Reason.OK && reason != Reason.BAD_CREDENTIALS;
    }

    /**
     * The banner for a refusal of {@code loginName}, or null for none. A wrong password or unknown user gets one
     * only when {@code siteHint} (a password, the first refusal of the connection) and the name named no site (it
     * went to the default site, which may not be the user's): the same text whether the user exists or not, so it
     * reveals nothing.
     */
    public static String forLogin(Reason reason, String loginName, String portalUrl, boolean siteHint) {
        if (reason == Reason.UNKNOWN_TENANT) {
            return "Wharf: Login incorrect: the site in the user name is missing or unknown: " + NAME_THE_SITE
                    + ". (reason: " + reason.code() + ")\r\n";
        }
        if (reason == Reason.BAD_CREDENTIALS) {
            return !siteHint || loginName != null && loginName.lastIndexOf('@') > 0 ? null
                    : "Wharf: Login incorrect. A user name without a site logs in to this server's default site;"
                    + " users of other sites " + NAME_THE_SITE + ". (reason: " + reason.code() + ")\r\n";
        }
        return shows(reason) ? text(reason, portalUrl) : null;
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
