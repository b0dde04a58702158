package dev.wharf.core.identity;

import java.util.List;

/**
 * Who a session is, as identity-service answered after a successful authentication.
 *
 * @param tenant           tenant id (Keycloak realm)
 * @param username         user name inside the tenant
 * @param userId           stable id (Keycloak user id)
 * @param groups           group names the user belongs to
 * @param home             home folder inside the tenant's namespace, absolute, e.g. {@code /alice}
 * @param allowedProtocols protocols the user may use (wire names); empty = no user-level restriction
 * @param allowedCidrs     client address ranges the user may connect from; empty = no restriction
 */
public record Principal(String tenant, String username, String userId, List<String> groups, String home,
                        List<String> allowedProtocols, List<String> allowedCidrs) {
    public Principal {
        groups = groups == null ? List.of() : List.copyOf(groups);
        allowedProtocols = allowedProtocols == null ? List.of() : List.copyOf(allowedProtocols);
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    }
}
