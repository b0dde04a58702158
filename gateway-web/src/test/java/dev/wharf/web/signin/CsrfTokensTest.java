package dev.wharf.web.signin;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.tenant.Tenancy;
import dev.wharf.web.WebConfig;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsrfTokensTest {
    private static WebSecrets secrets(String secret) {
        return new WebSecrets(new WebConfig() {
            public int port() { return 8443; }
            public String maxUploadSize() { return "10G"; }
            public String keycloakUrl() { return "http://127.0.0.1:1"; }
            public String clientId() { return "wharf-web"; }
            public Tenancy tenancy() { return Tenancy.REALMS; }
            public String tenantRealm() { return "wharf"; }
            public String adminRealm() { return "master"; }
            public Optional<String> sessionSecret() { return Optional.ofNullable(secret); }
        });
    }

    private final CsrfTokens csrf = new CsrfTokens(secrets("s".repeat(40)));

    @Test
    void theSessionsOwnTokenPassesAndAnyOtherIsRefusedWithCsrfInvalid() {
        String token = csrf.token("acme", "sid-1");
        assertDoesNotThrow(() -> csrf.check("acme", "sid-1", token));
        for (String[] other : new String[][] {{"acme", "sid-2"}, {"other", "sid-1"}}) {
            WharfException e = assertThrows(WharfException.class, () -> csrf.check(other[0], other[1], token));
            assertEquals(Reason.CSRF_INVALID, e.reason());
        }
        assertThrows(WharfException.class, () -> csrf.check("acme", "sid-1", null));
        assertThrows(WharfException.class, () -> csrf.check("acme", "sid-1", ""));
    }

    @Test
    void tokensDependOnTheSecretAndEachPurposeHasItsOwnKey() {
        CsrfTokens otherGateway = new CsrfTokens(secrets("t".repeat(40)));
        assertNotEquals(csrf.token("acme", "sid-1"), otherGateway.token("acme", "sid-1"));
        WebSecrets s = secrets("s".repeat(40));
        assertNotEquals(s.stateSecret(), s.sessionSecret());
        assertEquals(s.sessionSecret(), secrets("s".repeat(40)).sessionSecret(), "replicas sharing it agree");
        assertThrows(IllegalStateException.class, () -> secrets("short"), "a short secret is refused");
        assertNotEquals(secrets(null).sessionSecret(), secrets(null).sessionSecret(), "random per start if unset");
    }
}
