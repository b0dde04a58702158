package dev.wharf.identity.tenant;

/**
 * CDI event: an admin change touched a user ({@code username} set) or a whole tenant ({@code username} null).
 * Whatever this replica remembers about them (cached password checks) must go.
 */
public record UserChanged(String tenant, String username) {
}
