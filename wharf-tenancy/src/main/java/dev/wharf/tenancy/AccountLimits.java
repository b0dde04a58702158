package dev.wharf.tenancy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's account limits, read from its attributes ({@link UserAttributes#EXPIRES},
 * {@link UserAttributes#MAX_SESSIONS}): the one reading identity-service's login chain and admin API share.
 *
 * @param expires     the last day (UTC) the account may log in; null: never expires
 * @param maxSessions most sessions open at once; null: no limit
 */
public record AccountLimits(LocalDate expires, Integer maxSessions) {
    /** No limits: a user without the attributes. */
    public static final AccountLimits NONE = new AccountLimits(null, null);

    /**
     * The limits the attributes say. An unreadable expiry date reads as already expired (an administrator meant
     * the account to end; failing open would keep it working forever), an unreadable session limit as 0 sessions.
     */
    public static AccountLimits read(Map<String, List<String>> attributes) {
        LocalDate expires = first(attributes, UserAttributes.EXPIRES).map(AccountLimits::date).orElse(null);
        Integer max = first(attributes, UserAttributes.MAX_SESSIONS).map(AccountLimits::count).orElse(null);
        return new AccountLimits(expires, max);
    }

    /** Whether the account has expired at {@code now}: it may log in through the whole of its last day (UTC). */
    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The date as an attribute value ({@code yyyy-mm-dd}); throws {@link DateTimeParseException} when unreadable. */
    public static LocalDate parseDate(String value) {
        return LocalDate.parse(value.strip());
    }

    private static LocalDate date(String v) {
        try {
            return parseDate(v);
        } catch (DateTimeParseException e) {
            return LocalDate.EPOCH;
        }
    }

    private static Integer count(String v) {
        try {
            return Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<String> first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()
                ? Optional.empty() : Optional.of(values.get(0));
    }
}
