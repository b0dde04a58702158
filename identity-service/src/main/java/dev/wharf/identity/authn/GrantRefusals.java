package dev.wharf.identity.authn;

import dev.wharf.core.Reason;
import dev.wharf.identity.keycloak.DirectGrant.Refused;

import java.util.Locale;

/**
 * Maps Keycloak 26's refusals of a password grant to reason codes. The texts are Keycloak's own
 * {@code error_description}s, observed on 26.7.3 (README.md lists them).
 */
final class GrantRefusals {
    /** Why Keycloak refused, in Wharf's terms, and what the log should say about it. */
    record Classified(Reason reason, Cause cause) {
    }

    /** Finer than the reason: what the log records (and what needs a second look, such as lockouts). */
    enum Cause {
        NO_SUCH_REALM, NOT_A_TENANT, REALM_DISABLED, CLIENT_MISCONFIGURED, INVALID_CREDENTIALS, TEMPORARILY_LOCKED,
        DISABLED, REQUIRED_ACTIONS, UNRECOGNISED
    }

    private GrantRefusals() {
    }

    static Classified classify(Refused r) {
        String error = r.error() == null ? "" : r.error();
        String description = r.description() == null ? "" : r.description().toLowerCase(Locale.ROOT);
        if (r.status() == 404 || error.equals("Realm does not exist")) {
            return new Classified(Reason.UNKNOWN_TENANT, Cause.NO_SUCH_REALM);
        }
        if (error.equals("invalid_client")) {
            // the realm exists but has no wharf-gateway client: some other application's realm
            return new Classified(Reason.UNKNOWN_TENANT, Cause.NOT_A_TENANT);
        }
        if (description.contains("realm not enabled")) {
            // a disabled tenant says so (its host name is public anyway); nothing about the user is revealed
            return new Classified(Reason.TENANT_DISABLED, Cause.REALM_DISABLED);
        }
        if (error.equals("unauthorized_client")) {
            return new Classified(Reason.INTERNAL_ERROR, Cause.CLIENT_MISCONFIGURED);
        }
        if (error.equals("invalid_grant")) {
            if (description.equals("account disabled")) {
                // Keycloak 26 says so only after the right password (EnumerationTest): it reveals nothing to a guesser
                return new Classified(Reason.ACCOUNT_DISABLED, Cause.DISABLED);
            }
            if (description.equals("account is not fully set up")) {
                return new Classified(Reason.PASSWORD_CHANGE_REQUIRED, Cause.REQUIRED_ACTIONS);
            }
            if (description.contains("temporarily")) {
                // Never tell the client: a locked account must look like a wrong password.
                return new Classified(Reason.BAD_CREDENTIALS, Cause.TEMPORARILY_LOCKED);
            }
            if (description.equals("invalid user credentials")) {
                return new Classified(Reason.BAD_CREDENTIALS, Cause.INVALID_CREDENTIALS);
            }
        }
        return new Classified(Reason.BAD_CREDENTIALS, Cause.UNRECOGNISED);
    }
}
