package dev.wharf.api.identity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /v1/authenticate/publickey}: the gateway verified the client's signature with {@code publicKey}
 * (one OpenSSH line); identity-service says whether it is one of the user's keys.
 *
 * @param protocol  wire name: {@code sftp}
 * @param sessionId the gateway session the login is for: the grant issued on success names it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicKeyAuthenticateRequest(String tenant, String username, String publicKey, String clientIp,
                                           String protocol, String sessionId) {
}
