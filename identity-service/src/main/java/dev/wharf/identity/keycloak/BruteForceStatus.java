package dev.wharf.identity.keycloak;

/**
 * Keycloak's brute-force detection state of one user.
 *
 * @param locked   temporarily (or permanently) locked: Keycloak then refuses even the right password, with the same
 *                 answer as a wrong one
 * @param failures failed logins counted so far
 */
public record BruteForceStatus(boolean locked, int failures) {
}
