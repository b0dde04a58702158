package dev.wharf.identity.authn;

import dev.wharf.core.Reason;
import dev.wharf.tenancy.AccountLimits;
import dev.wharf.tenancy.LoginRequirements;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The account lifecycle rules a login meets once its credential is verified (issue 14, must-have 4): the account's
 * expiry date, the site's 2FA requirement, the password's maximum age. Asked only after the credential was found
 * right, so none of these refusals tells a guesser anything. The session limit is counted apart
 * ({@link SessionRegistry}): it needs the session, not only the user.
 */
public final class AccountRules {
    private AccountRules() {
    }

    /** What the rules know of the user at login. */
    public record Facts(AccountLimits limits, boolean totp, Instant passwordSet) {
    }

    /**
     * The refusal of a verified login by {@code method}, or empty when the rules admit it. An expired account is
     * refused first (nothing else it could fix helps), then a missing second factor, then an old password.
     */
    public static Optional<Reason> refusal(LoginMethod method, Facts user, LoginRequirements site, Instant now) {
        if (user.limits().expiredAt(now)) {
            return Optional.of(Reason.ACCOUNT_EXPIRED);
        }
        if (site.secondFactorRequired() && !user.totp() && !exempt(method, site)) {
            return Optional.of(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED);
        }
        if (passwordTooOld(method, user.passwordSet(), site, now)) {
            return Optional.of(Reason.PASSWORD_CHANGE_REQUIRED);
        }
        return Optional.empty();
    }

    /** Whether the password's age matters to this login: only logins that used the password (keys do not). */
    public static boolean checksPasswordAge(LoginMethod method, LoginRequirements site) {
        return site.passwordMaxAgeDays() > 0 && (method == LoginMethod.PASSWORD || method == LoginMethod.WEB);
    }

    private static boolean passwordTooOld(LoginMethod method, Instant set, LoginRequirements site, Instant now) {
        // a password whose age Keycloak does not tell (an imported one without a date) is not refused
        return checksPasswordAge(method, site) && set != null
                && !now.isBefore(set.plus(Duration.ofDays(site.passwordMaxAgeDays())));
    }

    private static boolean exempt(LoginMethod method, LoginRequirements site) {
        return method == LoginMethod.API_KEY && site.apiKeysExempt()
                || method == LoginMethod.SSH_KEY && site.sshKeysExempt();
    }
}
