package dev.wharf.api.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.core.Reason;
import dev.wharf.api.grant.GrantRenewal;
import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Principal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code POST /v1/authenticate}: {@code ok} with a principal and the session's storage grant, or a
 * refusal code without either. Refusals are answers (HTTP 200), not errors.
 *
 * @param reason         a {@link Reason#code()}: {@code ok}, {@code bad_credentials}, {@code account_disabled}, ...
 * @param portalUrl      with refusals that ask the user to act in the tenant's web portal
 *                       ({@code password_change_required}, {@code second_factor_required}): its address, for the
 *                       gateway's reply; else null
 * @param grant          with {@code ok}: the signed grant storage-service requires on every call of the session
 * @param grantExpiresAt with {@code ok}: when that grant expires (the gateway renews it before)
 * @param grantAccess    with {@code ok}: the folder rules the grant carries ({@code {"rule", "group"}} each;
 *                       absent: none)
 * @param grantBandwidth with {@code ok}: the user's rate limits ({@code {"upload", "download"}} bytes per second;
 *                       absent: none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticateResponse(String reason, Principal principal, String portalUrl, String grant,
                                   Instant grantExpiresAt, List<Map<String, String>> grantAccess,
                                   Map<String, Long> grantBandwidth) {
    public AuthenticateResponse(String reason, Principal principal) {
        this(reason, principal, null, null, null, null, null);
    }

    /** The same answer naming the tenant's web portal. */
    public AuthenticateResponse withPortalUrl(String url) {
        return new AuthenticateResponse(reason, principal, url, grant, grantExpiresAt, grantAccess, grantBandwidth);
    }

    /** The same success carrying the session's grant. */
    public AuthenticateResponse withGrant(IssuedGrant g) {
        GrantRenewal wire = GrantRenewal.of(g);
        return new AuthenticateResponse(reason, principal, portalUrl, wire.grant(), wire.expiresAt(), wire.access(),
                wire.bandwidth());
    }

    public static AuthenticateResponse ok(Principal p) {
        return new AuthenticateResponse(Reason.OK.code(), p);
    }

    public static AuthenticateResponse refused(Reason r) {
        return new AuthenticateResponse(r.code(), null);
    }

    public static AuthenticateResponse of(AuthResult r) {
        AuthenticateResponse a = new AuthenticateResponse(r.reason().code(), r.ok() ? r.principal() : null);
        return r.ok() && r.grant() != null ? a.withGrant(r.grant()) : a;
    }

    /** The core result; an {@code ok} without a principal is not a success and reads as internal_error. */
    public AuthResult toAuthResult() {
        Reason r = Reason.fromCode(reason);
        if (r == Reason.OK) {
            if (principal == null) {
                return AuthResult.refused(Reason.INTERNAL_ERROR);
            }
            AuthResult ok = AuthResult.ok(principal);
            return grant == null || grantExpiresAt == null ? ok : ok.withGrant(
                    new GrantRenewal(grant, grantExpiresAt, grantAccess, grantBandwidth).toIssuedGrant());
        }
        return AuthResult.refused(r);
    }

    @Override
    public String toString() {
        return "AuthenticateResponse[reason=" + reason + ", principal=" + principal + ", grantExpiresAt="
                + grantExpiresAt + "]";
    }
}
