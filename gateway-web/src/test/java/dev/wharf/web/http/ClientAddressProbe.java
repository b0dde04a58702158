package dev.wharf.web.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

/** Test-only page: the client address the portal would audit for this request (PortalRequest's computation). */
@Path("/test/client-address")
public class ClientAddressProbe {
    @Inject
    Proxies proxies;

    @GET
    public String client(@Context HttpServerRequest request) {
        return proxies.client(request);
    }
}
