package dev.wharf.tenancy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a site demands of every login beyond a right credential (realm attributes {@link RealmAttributes#REQUIRE_2FA},
 * {@link RealmAttributes#REQUIRE_2FA_EXEMPT}, {@link RealmAttributes#PASSWORD_MAX_AGE_DAYS}).
 *
 * @param secondFactorRequired every user must have TOTP enrolled
 * @param apiKeysExempt        API key logins of a user without TOTP are admitted anyway
 * @param sshKeysExempt        SSH key logins of a user without TOTP are admitted anyway
 * @param passwordMaxAgeDays   days a password may be used after it was set; 0: no maximum
 */
public record LoginRequirements(boolean secondFactorRequired, boolean apiKeysExempt, boolean sshKeysExempt,
                                int passwordMaxAgeDays) {
    /** The value of {@link RealmAttributes#REQUIRE_2FA_EXEMPT} that exempts API key logins. */
    public static final String API_KEYS = "api-keys";
    /** The value of {@link RealmAttributes#REQUIRE_2FA_EXEMPT} that exempts SSH key logins. */
    public static final String SSH_KEYS = "ssh-keys";
    /** Upper bound of the password age: ten years. */
    public static final int MAX_PASSWORD_AGE_DAYS = 3650;
    /** Nothing beyond the credential: a realm without the attributes. */
    public static final LoginRequirements NONE = new LoginRequirements(false, false, false, 0);

    /** The requirements realm attributes say; missing or unreadable values read as their default. */
    public static LoginRequirements fromAttributes(Map<String, String> a) {
        List<String> exempt = AttributeValues.split(a.get(RealmAttributes.REQUIRE_2FA_EXEMPT)).stream()
                .map(v -> v.toLowerCase(Locale.ROOT)).toList();
        return new LoginRequirements(AttributeValues.flag(a.get(RealmAttributes.REQUIRE_2FA)),
                exempt.contains(API_KEYS), exempt.contains(SSH_KEYS), days(a.get(RealmAttributes.PASSWORD_MAX_AGE_DAYS)));
    }

    /** The login methods exempt from the 2FA requirement, as the attribute and the admin API spell them. */
    public List<String> exemptions() {
        return apiKeysExempt ? (sshKeysExempt ? List.of(API_KEYS, SSH_KEYS) : List.of(API_KEYS))
                : (sshKeysExempt ? List.of(SSH_KEYS) : List.of());
    }

    /** {@code a} with these requirements written into it; defaults remove their attribute. */
    public void writeTo(Map<String, String> a) {
        put(a, RealmAttributes.REQUIRE_2FA, secondFactorRequired ? "true" : null);
        put(a, RealmAttributes.REQUIRE_2FA_EXEMPT, AttributeValues.join(exemptions()));
        put(a, RealmAttributes.PASSWORD_MAX_AGE_DAYS, passwordMaxAgeDays > 0 ? Integer.toString(passwordMaxAgeDays)
                : null);
    }

    private static void put(Map<String, String> a, String name, String value) {
        if (value == null) {
            a.remove(name);
        } else {
            a.put(name, value);
        }
    }

    private static int days(String v) {
        try {
            return v == null ? 0 : Math.clamp(Integer.parseInt(v.strip()), 0, MAX_PASSWORD_AGE_DAYS);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
