package dev.wharf.tenancy;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The site's 2FA requirement, its exemptions and the password age, read from and written to realm attributes. */
class LoginRequirementsTest {

    @Test
    void readsTheAttributesLeniently() {
        LoginRequirements r = LoginRequirements.fromAttributes(Map.of(RealmAttributes.REQUIRE_2FA, " TRUE ",
                RealmAttributes.REQUIRE_2FA_EXEMPT, "SSH-keys, unknown", RealmAttributes.PASSWORD_MAX_AGE_DAYS,
                "90"));
        assertEquals(new LoginRequirements(true, false, true, 90), r);
        assertEquals(List.of(LoginRequirements.SSH_KEYS), r.exemptions());
    }

    @Test
    void missingOrUnreadableValuesAreTheDefaults() {
        assertEquals(LoginRequirements.NONE, LoginRequirements.fromAttributes(Map.of()));
        assertEquals(LoginRequirements.NONE, LoginRequirements.fromAttributes(Map.of(RealmAttributes.REQUIRE_2FA,
                "yes", RealmAttributes.PASSWORD_MAX_AGE_DAYS, "ninety")));
        assertEquals(LoginRequirements.MAX_PASSWORD_AGE_DAYS, LoginRequirements.fromAttributes(Map.of(
                RealmAttributes.PASSWORD_MAX_AGE_DAYS, "999999")).passwordMaxAgeDays());
    }

    @Test
    void writingTheDefaultsRemovesTheAttributes() {
        Map<String, String> a = new HashMap<>(Map.of("wharf.other", "kept"));
        new LoginRequirements(true, true, true, 30).writeTo(a);
        assertEquals("true", a.get(RealmAttributes.REQUIRE_2FA));
        assertEquals("api-keys,ssh-keys", a.get(RealmAttributes.REQUIRE_2FA_EXEMPT));
        assertEquals("30", a.get(RealmAttributes.PASSWORD_MAX_AGE_DAYS));
        assertEquals(new LoginRequirements(true, true, true, 30), LoginRequirements.fromAttributes(a));
        LoginRequirements.NONE.writeTo(a);
        assertEquals(Map.of("wharf.other", "kept"), a);
        assertFalse(a.containsKey(RealmAttributes.REQUIRE_2FA));
    }
}
