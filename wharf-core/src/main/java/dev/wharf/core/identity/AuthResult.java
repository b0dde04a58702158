package dev.wharf.core.identity;

import dev.wharf.core.Reason;

/**
 * The answer to an authentication: a principal, or the precise reason it was refused.
 *
 * @param portalUrl with refusals the user fixes in the tenant's web portal (password change, 2FA set-up): its
 *                  address, for the gateway's reply; else null
 */
public record AuthResult(Principal principal, Reason reason, String portalUrl) {
    public AuthResult(Principal principal, Reason reason) {
        this(principal, reason, null);
    }

    public static AuthResult ok(Principal p) {
        return new AuthResult(p, Reason.OK);
    }

    public static AuthResult refused(Reason r) {
        return new AuthResult(null, r);
    }

    /** The same result naming the web portal where the user can fix the refusal. */
    public AuthResult withPortalUrl(String url) {
        return new AuthResult(principal, reason, url);
    }

    public boolean ok() {
        return reason == Reason.OK && principal != null;
    }
}
