package dev.wharf.identity.tenant;

import dev.wharf.api.identity.HostnameAnswer;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.gateway.GatewayAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/hostnames/{host}}: the tenant of a custom host name, for the gateways (gateways only, as /v1/authenticate). */
@Path("/v1/hostnames")
@Produces(MediaType.APPLICATION_JSON)
public class HostnameResource {
    private final HostnameDirectory directory;
    private final GatewayAccess gateways;

    @Inject
    public HostnameResource(HostnameDirectory directory, GatewayAccess gateways) {
        this.directory = directory;
        this.gateways = gateways;
    }

    @GET
    @Path("{host}")
    public HostnameAnswer find(@PathParam("host") String host) {
        gateways.require();
        if (host == null || host.length() > 253) {
            throw new WharfException(Reason.BAD_REQUEST, "not a host name");
        }
        return directory.tenantOf(host).map(t -> new HostnameAnswer(host, t))
                .orElseThrow(() -> new WharfException(Reason.NOT_FOUND, "no tenant has that host name"));
    }
}
