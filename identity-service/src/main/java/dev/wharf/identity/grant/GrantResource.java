package dev.wharf.identity.grant;

import dev.wharf.api.grant.GrantRenewal;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.identity.gateway.GatewayAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/grants/keys}: the public keys grants are verified with (JWKS; public like Keycloak's own certs
 * endpoint, since they prove nothing by themselves). {@code POST /v1/grants/renew}: a gateway exchanges a session's
 * grant for a fresh one. {@code POST /v1/grants/end}: a gateway says the session of a grant has ended (204), so it
 * stops counting under its user's session limit.
 */
@Path("/v1/grants")
public class GrantResource {
    private final GrantIssuer grants;
    private final GatewayAccess gateways;

    @Inject
    public GrantResource(GrantIssuer grants, GatewayAccess gateways) {
        this.grants = grants;
        this.gateways = gateways;
    }

    @GET
    @Path("keys")
    @Produces("application/jwk-set+json")
    public String keys() {
        return grants.publicKeys();
    }

    @POST
    @Path("renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public GrantRenewal renew(GrantRenewal req) {
        gateways.require();
        if (req == null || req.grant() == null || req.grant().isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "grant is required");
        }
        IssuedGrant g = grants.renew(req.grant());
        return GrantRenewal.of(g);
    }

    /** The body is a {@link GrantRenewal} with only the session's grant (expired or not). */
    @POST
    @Path("end")
    @Consumes(MediaType.APPLICATION_JSON)
    public void end(GrantRenewal req) {
        gateways.require();
        if (req == null || req.grant() == null || req.grant().isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "grant is required");
        }
        grants.end(req.grant());
    }
}
