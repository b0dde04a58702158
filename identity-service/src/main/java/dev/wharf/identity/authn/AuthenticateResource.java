package dev.wharf.identity.authn;

import dev.wharf.api.identity.AuthenticateRequest;
import dev.wharf.api.identity.AuthenticateResponse;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.identity.gateway.GatewayAccess;
import dev.wharf.identity.grant.GrantIssuer;
import dev.wharf.identity.sharing.PublicAddresses;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /v1/authenticate} (docs/service-api.md), for the platform's gateways only: refusals are 200 answers,
 * a success carries the session's storage grant, an unreachable Keycloak is 503.
 */
@Path("/v1/authenticate")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticateResource {
    private final AuthenticationService authentication;
    private final PublicAddresses addresses;
    private final GatewayAccess gateways;
    private final GrantIssuer grants;

    @Inject
    public AuthenticateResource(AuthenticationService authentication, PublicAddresses addresses,
                                GatewayAccess gateways, GrantIssuer grants) {
        this.authentication = authentication;
        this.addresses = addresses;
        this.gateways = gateways;
        this.grants = grants;
    }

    @POST
    public AuthenticateResponse authenticate(AuthenticateRequest req) {
        gateways.require();
        if (req == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON request body is required");
        }
        if (req.tenant() == null || req.username() == null) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant and username are required");
        }
        if (req.protocol() == null) {
            throw new WharfException(Reason.BAD_REQUEST, "protocol is required (ftp, ftps or sftp)");
        }
        Credentials c;
        try {
            c = req.toCredentials();
        } catch (IllegalArgumentException e) {
            throw new WharfException(Reason.BAD_REQUEST, "unknown protocol: expected ftp, ftps or sftp");
        }
        AuthResult result = authentication.authenticate(c);
        if (result.ok()) {
            result = result.withGrant(grants.issue(result.principal(), req.protocol(), req.sessionId()));
        }
        AuthenticateResponse answer = AuthenticateResponse.of(result);
        if (result.reason().fixedInWebPortal()) {
            // the user has to act in the tenant's web portal: say where
            answer = answer.withPortalUrl(addresses.portalUrl(c.tenant()));
        }
        return answer;
    }
}
