package dev.wharf.api.identity;

import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;

/** {@link IdentityPort} over identity-service's {@code POST /v1/authenticate}. */
public final class HttpIdentityClient implements IdentityPort {
    private final ServiceHttp http;

    public HttpIdentityClient(ServiceHttp http) {
        this.http = http;
    }

    /** Refusals come back as results; an unreachable service or an error answer throws {@link WharfException}. */
    @Override
    public AuthResult authenticate(Credentials credentials) {
        AuthenticateResponse r = http.post("/v1/authenticate", AuthenticateRequest.of(credentials),
                AuthenticateResponse.class);
        if (r == null || r.reason() == null) {
            throw new WharfException(Reason.INTERNAL_ERROR, http.service() + " answered without a reason");
        }
        return r.toAuthResult();
    }
}
