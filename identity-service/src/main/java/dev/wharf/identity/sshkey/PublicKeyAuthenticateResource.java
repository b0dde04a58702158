package dev.wharf.identity.sshkey;

import dev.wharf.api.identity.AuthenticateResponse;
import dev.wharf.api.identity.PublicKeyAuthenticateRequest;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.identity.gateway.GatewayAccess;
import dev.wharf.identity.grant.GrantIssuer;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.session.Protocol;
import dev.wharf.identity.authn.AuthenticationService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /v1/authenticate/publickey}, for the platform's gateways only (they verify the client's signature
 * before asking): refusals are 200 answers and a success carries the session's grant, as for password logins.
 */
@Path("/v1/authenticate/publickey")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PublicKeyAuthenticateResource {
    private final AuthenticationService authentication;
    private final GatewayAccess gateways;
    private final GrantIssuer grants;

    @Inject
    public PublicKeyAuthenticateResource(AuthenticationService authentication, GatewayAccess gateways,
                                         GrantIssuer grants) {
        this.authentication = authentication;
        this.gateways = gateways;
        this.grants = grants;
    }

    @POST
    public AuthenticateResponse authenticate(PublicKeyAuthenticateRequest req) {
        gateways.require();
        if (req == null || req.tenant() == null || req.username() == null || req.publicKey() == null) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant, username and publicKey are required");
        }
        if (req.protocol() == null) {
            throw new WharfException(Reason.BAD_REQUEST, "protocol is required (sftp)");
        }
        Protocol protocol;
        try {
            protocol = Protocol.fromWire(req.protocol());
        } catch (IllegalArgumentException e) {
            throw new WharfException(Reason.BAD_REQUEST, "unknown protocol: expected ftp, ftps or sftp");
        }
        AuthResult result = authentication.authenticatePublicKey(req.tenant(), req.username(), req.publicKey(),
                req.clientIp(), protocol, req.sessionId());
        if (result.ok()) {
            result = result.withGrant(grants.issue(result.principal(), protocol.wire(), req.sessionId()));
        }
        return AuthenticateResponse.of(result);
    }
}
