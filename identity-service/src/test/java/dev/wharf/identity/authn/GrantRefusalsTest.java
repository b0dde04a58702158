package dev.wharf.identity.authn;

import dev.wharf.core.Reason;
import dev.wharf.identity.keycloak.DirectGrant.Refused;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The refusals as Keycloak 26.7.3 answers them (observed; see README.md). */
class GrantRefusalsTest {
    private static GrantRefusals.Classified classify(int status, String error, String description) {
        return GrantRefusals.classify(new Refused(status, error, description));
    }

    @Test
    void invalidCredentials() {
        var k = classify(400, "invalid_grant", "Invalid user credentials");
        assertEquals(Reason.BAD_CREDENTIALS, k.reason());
        assertEquals(GrantRefusals.Cause.INVALID_CREDENTIALS, k.cause());
    }

    @Test
    void disabledAccount() {
        assertEquals(Reason.ACCOUNT_DISABLED, classify(400, "invalid_grant", "Account disabled").reason());
    }

    @Test
    void requiredActionsMeanPasswordChangeRequired() {
        var k = classify(400, "invalid_grant", "Account is not fully set up");
        assertEquals(Reason.PASSWORD_CHANGE_REQUIRED, k.reason());
        assertEquals(GrantRefusals.Cause.REQUIRED_ACTIONS, k.cause());
    }

    @Test
    void temporaryLockoutLooksLikeBadCredentials() {
        var k = classify(400, "invalid_grant", "Account temporarily disabled");
        assertEquals(Reason.BAD_CREDENTIALS, k.reason());
        assertEquals(GrantRefusals.Cause.TEMPORARILY_LOCKED, k.cause());
    }

    @Test
    void missingRealmClientOrDisabledRealmIsUnknownTenant() {
        assertEquals(Reason.UNKNOWN_TENANT, classify(404, "Realm does not exist", null).reason());
        assertEquals(Reason.UNKNOWN_TENANT,
                classify(401, "invalid_client", "Invalid client or Invalid client credentials").reason());
        assertEquals(Reason.TENANT_DISABLED, classify(403, "access_denied", "Realm not enabled").reason());
    }

    @Test
    void aClientWithoutDirectGrantsIsAnInternalError() {
        assertEquals(Reason.INTERNAL_ERROR,
                classify(400, "unauthorized_client", "Client not allowed for direct access grants").reason());
    }

    @Test
    void anythingElseIsBadCredentialsAndFlagged() {
        var k = classify(400, "invalid_request", "Missing form parameter: grant_type");
        assertEquals(Reason.BAD_CREDENTIALS, k.reason());
        assertEquals(GrantRefusals.Cause.UNRECOGNISED, k.cause());
        assertEquals(GrantRefusals.Cause.UNRECOGNISED, classify(400, null, null).cause());
    }
}
