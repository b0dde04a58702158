package dev.wharf.api.identity;

import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.session.Protocol;

/** {@link IdentityPort} over identity-service's {@code POST /v1/authenticate} and {@code /v1/authenticate/publickey}. */
public final class HttpIdentityClient implements IdentityPort {
    private final ServiceHttp http;

    public HttpIdentityClient(ServiceHttp http) {
        this.http = http;
    }

    /** Refusals come back as results; an unreachable service or an error answer throws {@link WharfException}. */
    @Override
    public AuthResult authenticate(Credentials credentials) {
        return result(http.post("/v1/authenticate", AuthenticateRequest.of(credentials), AuthenticateResponse.class));
    }

    /** As {@link #authenticate}: refusals are results, outages and error answers throw. */
    @Override
    public AuthResult authenticatePublicKey(String tenant, String username, String publicKeyOpenSsh, String clientIp,
                                            Protocol protocol) {
        PublicKeyAuthenticateRequest req = new PublicKeyAuthenticateRequest(tenant, username, publicKeyOpenSsh,
                clientIp, protocol == null ? null : protocol.wire());
        return result(http.post("/v1/authenticate/publickey", req, AuthenticateResponse.class));
    }

    private AuthResult result(AuthenticateResponse r) {
        if (r == null || r.reason() == null) {
            throw new WharfException(Reason.INTERNAL_ERROR, http.service() + " answered without a reason");
        }
        AuthResult result = r.toAuthResult();
        return r.portalUrl() == null || result.ok() ? result : result.withPortalUrl(r.portalUrl());
    }
}
