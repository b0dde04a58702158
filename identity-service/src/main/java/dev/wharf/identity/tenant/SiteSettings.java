package dev.wharf.identity.tenant;

/**
 * A tenant's site settings as the admin API shows them. In an update, a field left out (null) keeps its value.
 *
 * @param otpGraceSeconds the 2FA grace window: seconds after a 2FA login in which the same user from the same
 *                        client address logs in with the password alone (0: off; at most one day)
 */
public record SiteSettings(Long otpGraceSeconds) {
}
