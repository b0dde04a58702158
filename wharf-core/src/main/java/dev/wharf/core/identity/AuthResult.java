package dev.wharf.core.identity;

import dev.wharf.core.Reason;

/** The answer to an authentication: a principal, or the precise reason it was refused. */
public record AuthResult(Principal principal, Reason reason) {
    public static AuthResult ok(Principal p) {
        return new AuthResult(p, Reason.OK);
    }

    public static AuthResult refused(Reason r) {
        return new AuthResult(null, r);
    }

    public boolean ok() {
        return reason == Reason.OK && principal != null;
    }
}
