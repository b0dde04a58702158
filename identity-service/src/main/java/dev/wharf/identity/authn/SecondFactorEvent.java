package dev.wharf.identity.authn;

import dev.wharf.core.identity.Principal;

import java.time.Instant;

/**
 * One change of the shared 2FA state, as replicas exchange it on Kafka. Carries digests, never a password or code.
 *
 * @param kind      {@code code} (a code Keycloak accepted), {@code grace} (a grace window opened) or {@code forget}
 *                  (an admin change to the user: everything before {@code at} is void)
 * @param key       {@code code}: the code's digest (hex); {@code grace}: the client address
 * @param digest    {@code grace}: the password's digest (base64)
 * @param at        when the replica published it
 * @param until     {@code code}, {@code grace}: when it expires
 * @param principal {@code grace}: the principal of the 2FA login
 */
public record SecondFactorEvent(String kind, String tenant, String username, String key, String digest, Instant at,
                                Instant until, Principal principal) {
    static final String CODE = "code";
    static final String GRACE = "grace";
    static final String FORGET = "forget";
}
