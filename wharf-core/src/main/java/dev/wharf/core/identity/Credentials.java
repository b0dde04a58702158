package dev.wharf.core.identity;

import dev.wharf.core.session.Protocol;

/**
 * What a client presented at login, already split into tenant and local user name.
 *
 * @param password the password, possibly with a TOTP code appended; never logged
 * @param otp      a second-factor code given separately (keyboard-interactive), or null
 * @param sessionId the gateway session the login is for (the grant names it); null where no grant is issued
 */
public record Credentials(String tenant, String username, String password, String otp, String clientIp,
                          Protocol protocol, String sessionId) {
    public Credentials(String tenant, String username, String password, String otp, String clientIp,
                       Protocol protocol) {
        this(tenant, username, password, otp, clientIp, protocol, null);
    }

    @Override
    public String toString() {
        return "Credentials[tenant=" + tenant + ", username=" + username + ", clientIp=" + clientIp
                + ", protocol=" + protocol + ", sessionId=" + sessionId + "]";
    }
}
