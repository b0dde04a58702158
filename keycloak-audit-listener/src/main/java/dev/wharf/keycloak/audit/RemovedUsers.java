package dev.wharf.keycloak.audit;

import dev.wharf.core.tenant.TenantUserName;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * The names of users deleted in a Keycloak session, kept on that session until its admin event is audited: by then
 * the user is gone, and in the organizations' realm only its name (or its membership) says which tenant it was of.
 * Kept as a session attribute, so it lives exactly as long as the request that deleted the user.
 */
final class RemovedUsers {
    private static final String KEY = "wharf-audit.removed-user.";

    private RemovedUsers() {
    }

    /** A user's name and tenant, remembered just before Keycloak removes it (memberships are still readable). */
    record Removed(String username, Optional<TenantUserName> tenantName) {
    }

    static void remember(KeycloakSession session, UserModel user) {
        session.setAttribute(KEY + user.getId(), new Removed(user.getUsername(), TenantRealmNames.user(session, user)));
    }

    /** What was remembered of user {@code id} in this session, if it was deleted in it. */
    static Optional<Removed> of(KeycloakSession session, String id) {
        return Optional.ofNullable(session.getAttribute(KEY + id, Removed.class));
    }
}
