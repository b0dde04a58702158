package dev.wharf.web.operator;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.web.admin.AdminClient;
import dev.wharf.web.files.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

/**
 * The operator console's bans: the addresses policy-service's defender bans now (every replica's, through its shared
 * log), and lifting one (as {@code wharf ban lift}; policy-service audits {@code ban.lifted} with the operator as
 * actor). Platform operators only, on the base domain; lifting needs the session's CSRF token.
 */
@Path("/operator/bans")
@Authenticated
@Blocking
public class BansPage {
    @Inject
    PortalRequest request;
    @Inject
    OperatorClient operators;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bans(String user, List<OperatorClient.Ban> bans, String lifted, String csrf);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("lifted") String lifted) {
        String operator = request.operator();
        List<OperatorClient.Ban> bans = operators.bans(request.accessToken()).stream()
                .sorted(Comparator.comparing(OperatorClient.Ban::since,
                        Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        return Templates.bans(operator, bans, lifted, request.csrfToken());
    }

    @POST
    @Path("lift")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lift(@RestForm String csrf, @RestForm String clientIp) {
        request.operator();
        request.checkCsrf(csrf);
        if (clientIp == null || clientIp.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "name the address");
        }
        operators.lift(request.accessToken(), clientIp.strip());
        return Response.seeOther(URI.create("/operator/bans?lifted=" + AdminClient.encode(clientIp.strip())))
                .build();
    }
}
