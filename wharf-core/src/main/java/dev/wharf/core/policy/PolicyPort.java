package dev.wharf.core.policy;

import dev.wharf.core.identity.Principal;
import dev.wharf.core.session.Protocol;

/** Decides whether a connection or a login may proceed (policy-service). */
public interface PolicyPort {
    /** At connect time; {@code tenant} is null while it is not known yet. */
    Decision checkConnect(String clientIp, String tenant, Protocol protocol);

    /** After identity succeeded: user rules, protocol access, encryption. */
    Decision checkLogin(Principal principal, Protocol protocol, String clientIp, boolean encrypted);

    /** Reports a failed login so that the defender can count it. */
    void reportLoginFailure(String clientIp, String tenant, String username, Protocol protocol);
}
