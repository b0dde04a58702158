package dev.wharf.ftp.support;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.identity.Principal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** identity-service's answers in memory: users with a password, some disabled or due a password change. */
public final class MemoryIdentity implements IdentityPort {
    private record Account(String password, Reason refusal, String home) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    public MemoryIdentity user(String tenant, String username, String password, String home) {
        accounts.put(tenant + "/" + username, new Account(password, null, home));
        return this;
    }

    /** A user whose correct password still gets {@code refusal} (disabled, password change required...). */
    /** The portal address prefix refusals name (tenant and {@code /account} follow). */
    public static final String PORTAL = "https://portal.files.test/realms/";

    public MemoryIdentity refusedUser(String tenant, String username, String password, Reason refusal) {
        accounts.put(tenant + "/" + username, new Account(password, refusal, "/" + username));
        return this;
    }

    @Override
    public AuthResult authenticate(Credentials c) {
        Account a = accounts.get(c.tenant() + "/" + c.username());
        if (a == null || !a.password().equals(c.password())) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        if (a.refusal() != null) {
            AuthResult refused = AuthResult.refused(a.refusal());
            // as identity-service does: refusals fixed in the web portal name it
            return a.refusal() == Reason.PASSWORD_CHANGE_REQUIRED || a.refusal() == Reason.SECOND_FACTOR_REQUIRED
                    ? refused.withPortalUrl(PORTAL + c.tenant() + "/account") : refused;
        }
        return AuthResult.ok(new Principal(c.tenant(), c.username(), "id-" + c.username(), List.of(), a.home(),
                List.of(), List.of()));
    }
}
