package dev.wharf.api.identity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /v1/authenticate/token}: a browser signed in to the tenant's realm through its web client
 * ({@code wharf-web}); identity-service verifies the access token and answers as for a password login.
 *
 * @param protocol  wire name: {@code https}
 * @param sessionId the gateway session the login is for: the grant issued on success names it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenAuthenticateRequest(String tenant, String accessToken, String clientIp, String protocol,
                                       String sessionId) {
    /** The token stays out of log lines and exception messages that print the request. */
    @Override
    public String toString() {
        return "TokenAuthenticateRequest[tenant=" + tenant + ", clientIp=" + clientIp + ", protocol=" + protocol + "]";
    }
}
