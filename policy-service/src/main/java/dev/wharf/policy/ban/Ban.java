package dev.wharf.policy.ban;

import java.time.Instant;

/**
 * A ban in force, as the admin API lists it.
 *
 * @param clientIp the banned address (canonical form)
 * @param username the user name of the failure that caused the ban, when the gateway knew it
 * @param tenant   the tenant of that failure, when known
 * @param reason   {@link #ADDRESS_FAILURES} or {@link #USER_FAILURES}
 * @param offences this address's bans within the defender's history, this one included (the ban doubles each time)
 */
public record Ban(String clientIp, String username, String tenant, String reason, Instant since, Instant until,
                  int offences) {
    /** Too many failed logins from the address within the window. */
    public static final String ADDRESS_FAILURES = "failed_logins_from_address";
    /** A failure on a user name that had too many failed logins (from any addresses) within the window. */
    public static final String USER_FAILURES = "failed_logins_for_user";
}
