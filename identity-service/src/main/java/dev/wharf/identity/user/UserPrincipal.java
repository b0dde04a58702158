package dev.wharf.identity.user;

import dev.wharf.core.identity.Principal;
import dev.wharf.identity.keycloak.KeycloakUser;

import java.util.List;

/** The principal of a user read through the admin API, for logins that do not go through a password grant. */
public final class UserPrincipal {
    private UserPrincipal() {
    }

    public static Principal of(String tenant, KeycloakUser user, List<String> groups) {
        return new Principal(tenant, user.username(), user.id(), groups,
                user.attribute(UserAttributes.HOME).orElse(UserAttributes.defaultHome(user.username())),
                UserAttributes.split(user.attribute(UserAttributes.PROTOCOLS).orElse(null)),
                UserAttributes.split(user.attribute(UserAttributes.CIDRS).orElse(null)));
    }
}
