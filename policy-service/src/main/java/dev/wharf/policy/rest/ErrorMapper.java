package dev.wharf.policy.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.wharf.api.ErrorBody;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into the contract's error body {@code {"reason","message"}} with a fitting status. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response wharf(WharfException e) {
        Reason r = e.reason();
        int status = switch (r) {
            case BAD_REQUEST -> 400;
            case SERVICE_UNAVAILABLE -> 503;
            default -> 500;
        };
        if (status == 503) {
            // an outage of a dependency (Keycloak): one line per request, not a stack trace each
            LOG.warnf("request failed: %s (reason=%s)", e.getMessage(), r.code());
        } else if (status >= 500) {
            LOG.errorf(e, "request failed, reason=%s", r.code());
        } else {
            LOG.debugf("bad request: %s", e.getMessage());
        }
        return body(status, r, e.detail() != null ? e.detail() : e.reason().code());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return body(400, Reason.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
    }

    /** JSON of the wrong shape (an array for an object, text for a number); Quarkus' own mapper sends no body. */
    @ServerExceptionMapper
    public Response shape(MismatchedInputException e) {
        return body(400, Reason.BAD_REQUEST, "unexpected JSON: " + e.getOriginalMessage());
    }

    /** JAX-RS errors (malformed JSON, unknown media type, no such path) keep their status and get the contract's body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Reason r = status >= 500 ? Reason.INTERNAL_ERROR : status == 404 ? Reason.NOT_FOUND : Reason.BAD_REQUEST;
        String message = e.getCause() instanceof JsonProcessingException j ? "malformed JSON: " + j.getOriginalMessage()
                : e.getMessage();
        return body(status, r, message);
    }

    static Response body(int status, Reason reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(reason, message))
                .build();
    }
}
