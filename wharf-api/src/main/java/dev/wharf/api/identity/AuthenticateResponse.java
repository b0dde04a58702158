package dev.wharf.api.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.core.Reason;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Principal;

/**
 * The answer to {@code POST /v1/authenticate}: {@code ok} with a principal, or a refusal code without one.
 * Refusals are answers (HTTP 200), not errors.
 *
 * @param reason    a {@link Reason#code()}: {@code ok}, {@code bad_credentials}, {@code account_disabled}, ...
 * @param portalUrl with refusals that ask the user to act in the tenant's web portal ({@code password_change_required},
 *                  {@code second_factor_required}): its address, for the gateway's reply; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticateResponse(String reason, Principal principal, String portalUrl) {
    public AuthenticateResponse(String reason, Principal principal) {
        this(reason, principal, null);
    }

    /** The same answer naming the tenant's web portal. */
    public AuthenticateResponse withPortalUrl(String url) {
        return new AuthenticateResponse(reason, principal, url);
    }

    public static AuthenticateResponse ok(Principal p) {
        return new AuthenticateResponse(Reason.OK.code(), p);
    }

    public static AuthenticateResponse refused(Reason r) {
        return new AuthenticateResponse(r.code(), null);
    }

    public static AuthenticateResponse of(AuthResult r) {
        return new AuthenticateResponse(r.reason().code(), r.ok() ? r.principal() : null);
    }

    /** The core result; an {@code ok} without a principal is not a success and reads as internal_error. */
    public AuthResult toAuthResult() {
        Reason r = Reason.fromCode(reason);
        if (r == Reason.OK) {
            return principal == null ? AuthResult.refused(Reason.INTERNAL_ERROR) : AuthResult.ok(principal);
        }
        return AuthResult.refused(r);
    }
}
