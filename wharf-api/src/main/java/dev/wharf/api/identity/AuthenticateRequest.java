package dev.wharf.api.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.session.Protocol;

/**
 * {@code POST /v1/authenticate}: the credentials a client presented, already split into tenant and user name.
 *
 * @param password the password, possibly with a TOTP code appended; never logged ({@link #toString()} omits it)
 * @param otp      a second-factor code given separately (keyboard-interactive), or null
 * @param protocol  wire name: {@code ftp}, {@code ftps}, {@code sftp}
 * @param sessionId the gateway session the login is for: the grant issued on success names it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticateRequest(String tenant, String username, String password, String otp, String clientIp,
                                  String protocol, String sessionId) {
    public static AuthenticateRequest of(Credentials c) {
        return new AuthenticateRequest(c.tenant(), c.username(), c.password(), c.otp(), c.clientIp(),
                c.protocol() == null ? null : c.protocol().wire(), c.sessionId());
    }

    /** The core credentials; throws IllegalArgumentException for an unknown protocol name. */
    public Credentials toCredentials() {
        return new Credentials(tenant, username, password, otp, clientIp,
                protocol == null ? null : Protocol.fromWire(protocol), sessionId);
    }

    @Override
    public String toString() {
        return "AuthenticateRequest[tenant=" + tenant + ", username=" + username + ", clientIp=" + clientIp
                + ", protocol=" + protocol + ", sessionId=" + sessionId + "]";
    }
}
