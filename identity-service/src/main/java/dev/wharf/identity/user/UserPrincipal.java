package dev.wharf.identity.user;

import dev.wharf.core.identity.Principal;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.tenancy.UserSettings;

import java.util.List;

/** The principal of a user read through the admin API, for logins that do not go through a password grant. */
public final class UserPrincipal {
    private UserPrincipal() {
    }

    public static Principal of(String tenant, KeycloakUser user, List<String> groups) {
        UserSettings s = UserSettings.fromAttributes(user.username(), user::attribute);
        return new Principal(tenant, user.username(), user.id(), groups, s.home(), s.protocols(), s.cidrs());
    }
}
