package dev.wharf.identity.authn;

import dev.wharf.api.identity.AuthenticateResponse;
import dev.wharf.api.identity.TokenAuthenticateRequest;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.session.Protocol;
import dev.wharf.identity.gateway.GatewayAccess;
import dev.wharf.identity.grant.GrantIssuer;
import dev.wharf.identity.sharing.PublicAddresses;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * {@code POST /v1/authenticate/token}, for the platform's gateways only (gateway-web): the access token a browser got
 * from the tenant's web client becomes the principal and session grant, as a password login does.
 */
@Path("/v1/authenticate/token")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenAuthenticateResource {
    private static final Logger LOG = Logger.getLogger(TokenAuthenticateResource.class);

    private final WebTokenVerifier tokens;
    private final GatewayAccess gateways;
    private final GrantIssuer grants;
    private final AccountLifecycle lifecycle;
    private final PublicAddresses addresses;

    @Inject
    public TokenAuthenticateResource(WebTokenVerifier tokens, GatewayAccess gateways, GrantIssuer grants,
                                     AccountLifecycle lifecycle, PublicAddresses addresses) {
        this.lifecycle = lifecycle;
        this.addresses = addresses;
        this.tokens = tokens;
        this.gateways = gateways;
        this.grants = grants;
    }

    @POST
    public AuthenticateResponse authenticate(TokenAuthenticateRequest req) {
        gateways.require();
        if (req == null || req.tenant() == null || req.accessToken() == null) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant and accessToken are required");
        }
        Protocol protocol;
        try {
            protocol = Protocol.fromWire(req.protocol() == null ? "https" : req.protocol());
        } catch (IllegalArgumentException e) {
            throw new WharfException(Reason.BAD_REQUEST, "unknown protocol: expected https");
        }
        AuthResult result = tokens.verify(req.tenant(), req.accessToken());
        if (result.ok()) {
            Optional<Reason> refused = lifecycle.refusal(req.tenant(), result.principal().username(), LoginMethod.WEB,
                    protocol, req.sessionId());
            if (refused.isPresent()) {
                LOG.infof("web sign-in of %s in tenant %s from %s refused, reason=%s (account lifecycle)",
                        result.principal().username(), req.tenant(), req.clientIp(), refused.get().code());
                AuthenticateResponse answer = AuthenticateResponse.of(AuthResult.refused(refused.get()));
                return refused.get().fixedInWebPortal() ? answer.withPortalUrl(addresses.portalUrl(req.tenant()))
                        : answer;
            }
            LOG.infof("web sign-in of %s in tenant %s from %s: ok", result.principal().username(), req.tenant(),
                    req.clientIp());
            result = result.withGrant(grants.issue(result.principal(), protocol.wire(), req.sessionId()));
        }
        return AuthenticateResponse.of(result);
    }
}
