package dev.wharf.identity.authn;

import dev.wharf.core.identity.Principal;

import java.time.Instant;
import java.util.Optional;

/**
 * What identity-service remembers about second-factor logins: codes it saw accepted (so that Keycloak's refusal of
 * a reused code, which looks like any other refusal, can be named {@code second_factor_reused}), and 2FA grace
 * windows. Behind an interface because replicas must share it: {@link SharedSecondFactorState} over Kafka,
 * {@link InMemorySecondFactorState} per replica.
 * Users are named in lower case, as Keycloak stores them.
 */
public interface SecondFactorState {
    /** A code Keycloak accepted for the user at {@code at}; remembered until {@code until}. */
    void codeAccepted(String tenant, String username, String code, Instant until);

    /** Whether {@code code} was accepted for the user and is still remembered at {@code now}. */
    boolean wasAccepted(String tenant, String username, String code, Instant now);

    /** Opens (or extends) a grace window for the user from {@code clientIp}. */
    void openGrace(String tenant, String username, String clientIp, Grace grace);

    /** The user's grace window from {@code clientIp}, if one is open at {@code now}. */
    Optional<Grace> grace(String tenant, String username, String clientIp, Instant now);

    /** Drops everything about the user: after any admin change (password, second factor, ...). */
    void forget(String tenant, String username);

    /** Whether what other replicas published before this one started has been read (always, when not shared). */
    default boolean caughtUp() {
        return true;
    }

    /**
     * An open grace window: until when, the keyed digest of the password the 2FA login presented (never the
     * password itself), and the principal that login answered.
     */
    record Grace(Instant until, byte[] passwordDigest, Principal principal) {
    }
}
