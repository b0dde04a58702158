package dev.wharf.identity.user;

import java.util.List;

/**
 * {@code POST /v1/admin/tenants/{tenant}/users}. Beyond the contract's {@code username, password?, home?}, the
 * optional fields set the other user settings of ARCHITECTURE.md at creation.
 *
 * @param password           null: a strong one is generated and answered once
 * @param home               null: {@code /<username>}
 * @param allowedProtocols   null or empty: no user-level restriction
 * @param allowedCidrs       null or empty: any address
 * @param enabled            null: true
 * @param mustChangePassword null: false; true adds Keycloak's UPDATE_PASSWORD required action
 */
public record NewUser(String username, String password, String home, List<String> allowedProtocols,
                      List<String> allowedCidrs, Boolean enabled, Boolean mustChangePassword) {
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", home=" + home + "]";
    }
}
