package dev.wharf.sftp.testing;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.Protocol;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** policy-service in memory: allows everything unless told otherwise; records reported login failures. */
public final class InMemoryPolicy implements PolicyPort {
    private volatile Reason connectRefusal;
    private final Map<String, Reason> loginRefusals = new ConcurrentHashMap<>();
    private final Map<String, Reason> addressRefusals = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** The client address of every connect check, in order. */
    public final List<String> connectAddresses = new CopyOnWriteArrayList<>();

    /** Refuses every connection with this reason (null: allow). */
    public void refuseConnections(Reason reason) {
        connectRefusal = reason;
    }

    /** Refuses connections from this client address with this reason (null: allow again). */
    public void refuseAddress(String clientIp, Reason reason) {
        if (reason == null) {
            addressRefusals.remove(clientIp);
        } else {
            addressRefusals.put(clientIp, reason);
        }
    }

    /** Refuses this user after identity succeeded. */
    public void refuseLogin(String username, Reason reason) {
        loginRefusals.put(username, reason);
    }

    public List<String> reportedFailures() {
        return failures;
    }

    @Override
    public Decision checkConnect(String clientIp, String tenant, Protocol protocol) {
        connectAddresses.add(clientIp);
        Reason r = connectRefusal != null ? connectRefusal : addressRefusals.get(clientIp);
        return r == null ? Decision.ALLOW : Decision.deny(r);
    }

    @Override
    public Decision checkLogin(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
        Reason r = loginRefusals.get(principal.username());
        return r == null ? Decision.ALLOW : Decision.deny(r);
    }

    @Override
    public void reportLoginFailure(String clientIp, String tenant, String username, Protocol protocol) {
        failures.add(tenant + "/" + username + "@" + clientIp + "/" + protocol.wire());
    }
}
