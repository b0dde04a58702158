package dev.wharf.identity.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.wharf.api.ErrorBody;
import dev.wharf.api.http.ReasonStatus;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.audit.AuditSink;
import io.quarkus.oidc.OIDCException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into the contract's error body {@code {"reason","message"}} with a fitting HTTP status. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Inject
    AuditSink audit;

    @ServerExceptionMapper
    public Response wharf(WharfException e, HttpServerRequest request) {
        Reason r = e.reason();
        if (r == Reason.UNAUTHENTICATED_CALLER) {
            return unauthenticatedCaller(request, e.detail() != null ? e.detail() : e.getMessage());
        }
        int status = ReasonStatus.of(r);
        if (status == 503) {
            LOG.warnf("request failed, reason=%s: %s", r.code(), e.getMessage());
        } else if (status == 403) {
            LOG.infof("admin call refused, reason=%s: %s", r.code(), e.getMessage());
        } else if (status >= 500) {
            LOG.errorf(e, "request failed, reason=%s", r.code());
        } else {
            LOG.debugf("request refused: %s", e.getMessage());
        }
        return body(status, r, e.detail() != null ? e.detail() : e.reason().code());
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

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return body(400, Reason.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
    }

    /** JSON of the wrong shape (an array for an object, text for a number); Quarkus' own mapper sends no body. */
    @ServerExceptionMapper
    public Response shape(MismatchedInputException e) {
        return body(400, Reason.BAD_REQUEST, "unexpected JSON: " + e.getOriginalMessage());
    }

    /** quarkus-oidc cannot reach Keycloak to check an admin token: an outage, not the caller's fault. */
    @ServerExceptionMapper
    public Response oidcUnavailable(OIDCException e) {
        return keycloakDown(e);
    }

    /** A bad or expired token is 401; one that could not be checked because Keycloak is down is 503. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OIDCException o) {
                return keycloakDown(o);
            }
        }
        return adminEndpoint(request) ? unauthorized()
                : unauthenticatedCaller(request, "the bearer token is not valid: only the platform's gateways may call this");
    }

    /** No token at all. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return adminEndpoint(request) ? unauthorized()
                : unauthenticatedCaller(request, "no bearer token: only the platform's gateways may call this");
    }

    /**
     * A call only the gateways may make, without their credential: 401 {@code unauthenticated_caller}, logged and
     * audited with the caller's address.
     */
    private Response unauthenticatedCaller(HttpServerRequest request, String why) {
        new AccessRefusals(audit, "identity-service").refused(new AccessRefusals.Refusal(
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.method().name(), request.path(), Reason.UNAUTHENTICATED_CALLER, why, null, null, null));
        return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(Reason.UNAUTHENTICATED_CALLER, why)).build();
    }

    private static boolean adminEndpoint(HttpServerRequest request) {
        return request.path().startsWith("/v1/admin/");
    }

    /** A valid token without the role an annotation asks for. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return body(403, Reason.PERMISSION_DENIED, "this token's user may not do this");
    }

    private static Response unauthorized() {
        return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(Reason.BAD_CREDENTIALS, "a valid bearer token from Keycloak (client wharf-admin "
                        + "of the admin realm or of a tenant) is required"))
                .build();
    }

    private static Response keycloakDown(OIDCException e) {
        LOG.warnf("admin token not checked, reason=%s: %s", Reason.SERVICE_UNAVAILABLE.code(), e.getMessage());
        return body(503, Reason.SERVICE_UNAVAILABLE, "Keycloak, which issues admin tokens, is not reachable");
    }

    static Response body(int status, Reason reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(reason, message))
                .build();
    }
}
