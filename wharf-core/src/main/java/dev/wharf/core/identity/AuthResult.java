package dev.wharf.core.identity;

import dev.wharf.core.Reason;
import dev.wharf.core.grant.IssuedGrant;

/**
 * The answer to an authentication: a principal and the session's storage grant, or the precise reason it was
 * refused.
 *
 * @param portalUrl with refusals the user fixes in the tenant's web portal (password change, 2FA set-up): its
 *                  address, for the gateway's reply; else null
 * @param grant     with a success: the signed grant identity-service issued for the session (null from identity
 *                  ports that issue none, such as in-memory test doubles)
 */
public record AuthResult(Principal principal, Reason reason, String portalUrl, IssuedGrant grant) {
    public AuthResult(Principal principal, Reason reason) {
        this(principal, reason, null, null);
    }

    public AuthResult(Principal principal, Reason reason, String portalUrl) {
        this(principal, reason, portalUrl, null);
    }

    public static AuthResult ok(Principal p) {
        return new AuthResult(p, Reason.OK);
    }

    public static AuthResult refused(Reason r) {
        return new AuthResult(null, r);
    }

    /** The same result naming the web portal where the user can fix the refusal. */
    public AuthResult withPortalUrl(String url) {
        return new AuthResult(principal, reason, url, grant);
    }

    /** The same success carrying the session's storage grant. */
    public AuthResult withGrant(IssuedGrant g) {
        return new AuthResult(principal, reason, portalUrl, g);
    }

    public boolean ok() {
        return reason == Reason.OK && principal != null;
    }
}
