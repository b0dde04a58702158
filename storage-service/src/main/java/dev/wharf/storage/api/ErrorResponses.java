package dev.wharf.storage.api;

import dev.wharf.api.ErrorBody;
import dev.wharf.api.http.ReasonStatus;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code {"reason","message"}} with the status the contract gives its reason, and logs it
 * once with the same reason code. Refusals (4xx) are expected traffic and logged briefly; failures (5xx) in full.
 */
public class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    private static final int MAX_LOGGED_URI = 400;

    @ServerExceptionMapper
    public Response wharf(WharfException e, Request request, UriInfo uri) {
        return respond(e, ReasonStatus.of(e.reason()), request, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, Request request, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Reason reason = switch (status) {
            case 404 -> Reason.NOT_FOUND;
            case 503 -> Reason.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? Reason.INTERNAL_ERROR : Reason.BAD_REQUEST;
        };
        return respond(new WharfException(reason, e.getMessage(), e), status, request, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, Request request, UriInfo uri) {
        return respond(new WharfException(Reason.INTERNAL_ERROR, e.toString(), e), 500, request, uri);
    }

    /** The answer for {@code e} with an explicit status (used where one call gives a reason a special status). */
    static Response respond(WharfException e, int status, Request request, UriInfo uri) {
        String detail = e.detail() != null ? e.detail() : e.reason().userMessage();
        String call = request.getMethod() + " " + describe(uri);
        String code = e.reason().code();
        if (status >= 500 && e.reason() == Reason.SERVICE_UNAVAILABLE) {
            LOG.warnf("%s -> %d %s: %s", call, status, code, detail);
        } else if (status >= 500) {
            LOG.errorf(e, "%s -> %d %s: %s", call, status, code, detail);
        } else if (e.reason() == Reason.NOT_FOUND) {
            LOG.debugf("%s -> %d %s: %s", call, status, code, detail);
        } else {
            LOG.infof("%s -> %d %s: %s", call, status, code, detail);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(e.reason(), detail)).build();
    }

    private static String describe(UriInfo uri) {
        String raw = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        String s = VirtualPaths.printable(raw);
        return s.length() > MAX_LOGGED_URI ? s.substring(0, MAX_LOGGED_URI) + "..." : s;
    }
}
