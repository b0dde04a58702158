package dev.wharf.identity.authn;

import dev.wharf.core.Reason;
import dev.wharf.tenancy.AccountLimits;
import dev.wharf.tenancy.LoginRequirements;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The account lifecycle rules of a verified login: expiry, required 2FA (and its exemptions), password age. */
class AccountRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final AccountRules.Facts PLAIN = new AccountRules.Facts(AccountLimits.NONE, false, NOW);
    private static final LoginRequirements REQUIRE_2FA = new LoginRequirements(true, false, false, 0);

    @Test
    void anExpiredAccountIsRefusedWhateverTheMethod() {
        AccountRules.Facts expired = new AccountRules.Facts(new AccountLimits(LocalDate.of(2026, 12, 6), null), true,
                NOW);
        for (LoginMethod m : LoginMethod.values()) {
            assertEquals(Optional.of(Reason.ACCOUNT_EXPIRED), AccountRules.refusal(m, expired,
                    LoginRequirements.NONE, NOW), m.name());
        }
        AccountRules.Facts lastDay = new AccountRules.Facts(new AccountLimits(LocalDate.of(2026, 12, 7), null), true,
                NOW);
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.PASSWORD, lastDay, LoginRequirements.NONE,
                NOW));
    }

    @Test
    void expiryComesBeforeEveryOtherRule() {
        AccountRules.Facts expired = new AccountRules.Facts(new AccountLimits(LocalDate.of(2020, 1, 1), null), false,
                NOW.minus(Duration.ofDays(400)));
        assertEquals(Optional.of(Reason.ACCOUNT_EXPIRED), AccountRules.refusal(LoginMethod.PASSWORD, expired,
                new LoginRequirements(true, false, false, 30), NOW));
    }

    @Test
    void requiredTwoFactorRefusesAUserWithoutTotpAndAdmitsOneWithIt() {
        assertEquals(Optional.of(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED),
                AccountRules.refusal(LoginMethod.PASSWORD, PLAIN, REQUIRE_2FA, NOW));
        assertEquals(Optional.of(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED),
                AccountRules.refusal(LoginMethod.WEB, PLAIN, REQUIRE_2FA, NOW));
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.PASSWORD,
                new AccountRules.Facts(AccountLimits.NONE, true, NOW), REQUIRE_2FA, NOW));
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.PASSWORD, PLAIN, LoginRequirements.NONE,
                NOW));
    }

    @Test
    void keysAreExemptOnlyWhenTheSiteSaysSo() {
        assertEquals(Optional.of(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED),
                AccountRules.refusal(LoginMethod.API_KEY, PLAIN, REQUIRE_2FA, NOW));
        assertEquals(Optional.of(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED),
                AccountRules.refusal(LoginMethod.SSH_KEY, PLAIN, REQUIRE_2FA, NOW));
        LoginRequirements apiKeys = new LoginRequirements(true, true, false, 0);
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.API_KEY, PLAIN, apiKeys, NOW));
        assertEquals(Optional.of(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED),
                AccountRules.refusal(LoginMethod.SSH_KEY, PLAIN, apiKeys, NOW));
        LoginRequirements sshKeys = new LoginRequirements(true, false, true, 0);
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.SSH_KEY, PLAIN, sshKeys, NOW));
        assertEquals(Optional.of(Reason.SECOND_FACTOR_ENROLMENT_REQUIRED),
                AccountRules.refusal(LoginMethod.PASSWORD, PLAIN, new LoginRequirements(true, true, true, 0), NOW));
    }

    @Test
    void aPasswordOlderThanTheMaximumAgeMustBeChanged() {
        LoginRequirements ninety = new LoginRequirements(false, false, false, 90);
        AccountRules.Facts old = new AccountRules.Facts(AccountLimits.NONE, false, NOW.minus(Duration.ofDays(90)));
        AccountRules.Facts young = new AccountRules.Facts(AccountLimits.NONE, false,
                NOW.minus(Duration.ofDays(90)).plusSeconds(1));
        assertEquals(Optional.of(Reason.PASSWORD_CHANGE_REQUIRED),
                AccountRules.refusal(LoginMethod.PASSWORD, old, ninety, NOW));
        assertEquals(Optional.of(Reason.PASSWORD_CHANGE_REQUIRED),
                AccountRules.refusal(LoginMethod.WEB, old, ninety, NOW));
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.PASSWORD, young, ninety, NOW));
        // keys do not use the password; no maximum, or no known date, refuses nothing
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.API_KEY, old, ninety, NOW));
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.SSH_KEY, old, ninety, NOW));
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.PASSWORD, old, LoginRequirements.NONE, NOW));
        assertEquals(Optional.empty(), AccountRules.refusal(LoginMethod.PASSWORD,
                new AccountRules.Facts(AccountLimits.NONE, false, null), ninety, NOW));
    }
}
