package dev.wharf.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of one user, read from its Keycloak attributes ({@link UserAttributes}).
 *
 * @param home          home folder, absolute inside the tenant's namespace
 * @param protocols     protocols the user may use (wire names; empty: no user-level restriction)
 * @param cidrs         address ranges the user must connect from (empty: any)
 * @param passwordLogin whether password logins are allowed ({@link UserAttributes#AUTH_METHOD} is not {@code none})
 */
public record UserSettings(String home, List<String> protocols, List<String> cidrs, boolean passwordLogin) {

    public UserSettings {
        protocols = List.copyOf(protocols);
        cidrs = List.copyOf(cidrs);
    }

    /** A user's settings from its first attribute values ({@code attribute} answers one name at a time). */
    public static UserSettings fromAttributes(String username, Function<String, Optional<String>> attribute) {
        return new UserSettings(
                attribute.apply(UserAttributes.HOME).orElse(UserAttributes.defaultHome(username)),
                AttributeValues.split(attribute.apply(UserAttributes.PROTOCOLS).orElse(null)),
                AttributeValues.split(attribute.apply(UserAttributes.CIDRS).orElse(null)),
                !UserAttributes.AUTH_NONE.equals(attribute.apply(UserAttributes.AUTH_METHOD).orElse(null)));
    }
}
