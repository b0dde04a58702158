package dev.wharf.identity.user;

/** One row of {@code GET /v1/admin/tenants/{tenant}/users}. */
public record UserSummary(String username, boolean enabled, String home) {
}
