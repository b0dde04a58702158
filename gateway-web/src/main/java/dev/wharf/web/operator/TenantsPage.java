package dev.wharf.web.operator;

import dev.wharf.web.admin.AdminClient;
import dev.wharf.web.files.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The operator console's tenant list: every tenant, a page at a time (identity-service's paged tenant list), with
 * whether it is enabled and its host names. Platform operators only, on the base domain
 * ({@link PortalRequest#operator}).
 */
@Path("/operator/tenants")
@Authenticated
@Blocking
public class TenantsPage {
    /** Tenants a page: each is one more read of identity-service (side by side). */
    static final int SIZE = 25;

    @Inject
    PortalRequest request;
    @Inject
    OperatorClient operators;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tenants(String user, OperatorClient.TenantsPage page, String after,
                                               String next);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("after") String after) {
        String operator = request.operator();
        String from = after == null || after.isBlank() ? null : after.strip();
        OperatorClient.TenantsPage page = operators.tenants(request.accessToken(), from, SIZE);
        return Templates.tenants(operator, page, from,
                page.next() == null ? null : AdminClient.encode(page.next()));
    }
}
