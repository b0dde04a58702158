package dev.wharf.ftp.support;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.Protocol;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * policy-service's rules in memory: banned addresses, unencrypted FTP refused unless a tenant allows it, active mode
 * only for tenants that turn it on.
 */
public final class MemoryPolicy implements PolicyPort {
    private final Set<String> banned = ConcurrentHashMap.newKeySet();
    private final Set<String> plainFtpTenants = ConcurrentHashMap.newKeySet();
    private final Set<String> activeFtpTenants = ConcurrentHashMap.newKeySet();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    public MemoryPolicy ban(String ip) {
        banned.add(ip);
        return this;
    }

    public MemoryPolicy unban(String ip) {
        banned.remove(ip);
        return this;
    }

    public MemoryPolicy allowPlainFtp(String tenant) {
        plainFtpTenants.add(tenant);
        return this;
    }

    /** The tenant's site turns active FTP on (its later logins carry it). */
    public MemoryPolicy allowActiveFtp(String tenant) {
        activeFtpTenants.add(tenant);
        return this;
    }

    /** Reported failed logins as {@code ip tenant user protocol}. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public Decision checkConnect(String clientIp, String tenant, Protocol protocol) {
        return banned.contains(clientIp) ? Decision.deny(Reason.ADDRESS_BANNED) : Decision.ALLOW;
    }

    @Override
    public Decision checkLogin(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
        if (!encrypted && !plainFtpTenants.contains(principal.tenant())) {
            return Decision.deny(Reason.ENCRYPTION_REQUIRED);
        }
        return Decision.allow(activeFtpTenants.contains(principal.tenant()));
    }

    @Override
    public void reportLoginFailure(String clientIp, String tenant, String username, Protocol protocol) {
        failures.add(clientIp + " " + tenant + " " + username + " " + protocol.wire());
    }
}
