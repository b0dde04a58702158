package dev.wharf.sftp.testing;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.identity.Principal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** identity-service in memory: users with a password, a home and optionally a refusal given after the password. */
public final class InMemoryIdentity implements IdentityPort {
    private record User(String password, Principal principal, Reason refusal) {
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();

    public Principal addUser(String tenant, String username, String password, String home) {
        Principal p = new Principal(tenant, username, "id-" + username, List.of(), home, List.of(), List.of());
        users.put(tenant + "/" + username, new User(password, p, null));
        return p;
    }

    /** The user's password is right but identity refuses with this reason (disabled, change required...). */
    public void refuseAfterPassword(String tenant, String username, String password, Reason reason) {
        Principal p = new Principal(tenant, username, "id-" + username, List.of(), "/" + username, List.of(), List.of());
        users.put(tenant + "/" + username, new User(password, p, reason));
    }

    @Override
    public AuthResult authenticate(Credentials c) {
        User u = users.get(c.tenant() + "/" + c.username());
        if (u == null || !u.password.equals(c.password())) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        return u.refusal == null ? AuthResult.ok(u.principal) : AuthResult.refused(u.refusal);
    }
}
