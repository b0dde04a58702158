package dev.wharf.sftp.testing;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.identity.Principal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * identity-service in memory: users with a password, a home and optionally a refusal given after the password,
 * a second-factor code, and public keys (OpenSSH lines, compared by type and base64 blob as identity-service does).
 */
public final class InMemoryIdentity implements IdentityPort {
    private record User(String password, Principal principal, Reason refusal, String portalUrl) {
        User(String password, Principal principal, Reason refusal) {
            this(password, principal, refusal, null);
        }

        AuthResult refused() {
            return AuthResult.refused(refusal).withPortalUrl(portalUrl);
        }
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> keys = new ConcurrentHashMap<>();
    /** Every public key line identity was asked about, in order. */
    public final List<String> keysAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** This user needs this code: appended to the password or given as {@code otp}. */
    public void requireCode(String tenant, String username, String code) {
        codes.put(tenant + "/" + username, code);
    }

    /** Registers one of the user's public keys (one OpenSSH line). */
    public void addKey(String tenant, String username, String openSshLine) {
        keys.computeIfAbsent(tenant + "/" + username, k -> ConcurrentHashMap.newKeySet()).add(typeAndBlob(openSshLine));
    }

    private static String typeAndBlob(String line) {
        String[] parts = line.trim().split("\\s+");
        return parts.length < 2 ? line.trim() : parts[0] + " " + parts[1];
    }

    @Override
    public AuthResult authenticatePublicKey(String tenant, String username, String publicKey, String clientIp,
                                            dev.wharf.core.session.Protocol protocol, String sessionId) {
        keysAsked.add(publicKey);
        User u = users.get(tenant + "/" + username);
        java.util.Set<String> own = keys.getOrDefault(tenant + "/" + username, java.util.Set.of());
        if (u == null || !own.contains(typeAndBlob(publicKey))) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        return u.refusal == null ? AuthResult.ok(u.principal) : u.refused();
    }

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

    /** As {@link #refuseAfterPassword}, naming the tenant's web portal as identity-service does. */
    public void refuseAfterPassword(String tenant, String username, String password, Reason reason, String portalUrl) {
        Principal p = new Principal(tenant, username, "id-" + username, List.of(), "/" + username, List.of(), List.of());
        users.put(tenant + "/" + username, new User(password, p, reason, portalUrl));
    }

    /**
     * An API key of {@code owner} (who must exist): login name {@code @api-<keyName>} with the secret as password,
     * answered with the owner's principal, as identity-service does.
     */
    public void addApiKey(String tenant, String keyName, String secret, String owner) {
        User u = users.get(tenant + "/" + owner);
        users.put(tenant + "/@api-" + keyName, new User(secret, u.principal(), null));
    }

    /** A user whose authentication method is "none": any password is answered password_login_not_allowed. */
    public Principal addKeysOnlyUser(String tenant, String username, String home) {
        Principal p = new Principal(tenant, username, "id-" + username, List.of(), home, List.of(), List.of());
        users.put(tenant + "/" + username, new User(null, p, null));
        return p;
    }

    @Override
    public AuthResult authenticate(Credentials c) {
        User u = users.get(c.tenant() + "/" + c.username());
        if (u != null && u.password == null) {
            return AuthResult.refused(Reason.PASSWORD_LOGIN_NOT_ALLOWED);
        }
        String code = codes.get(c.tenant() + "/" + c.username());
        String password = c.password();
        if (u != null && code != null) {
            if (c.otp() == null && password != null && password.equals(u.password)) {
                return AuthResult.refused(Reason.SECOND_FACTOR_REQUIRED);
            }
            if (c.otp() != null && !c.otp().equals(code)) {
                return AuthResult.refused(Reason.BAD_CREDENTIALS);
            }
            if (c.otp() == null) {
                if (password == null || !password.endsWith(code)) {
                    return AuthResult.refused(Reason.BAD_CREDENTIALS);
                }
                password = password.substring(0, password.length() - code.length());
            }
        }
        if (u == null || !u.password.equals(password)) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        return u.refusal == null ? AuthResult.ok(u.principal) : u.refused();
    }
}
