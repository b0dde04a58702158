package dev.wharf.policy.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.wharf.api.ErrorBody;
import dev.wharf.api.http.ReasonStatus;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import dev.wharf.api.auth.GatewayCredential;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.audit.AuditSink;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;

/** Turns failures into the contract's error body {@code {"reason","message"}} with a fitting status. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Inject
    AuditSink audit;

    @ServerExceptionMapper
    public Response wharf(WharfException e) {
        Reason r = e.reason();
        int status = ReasonStatus.of(r);
        if (status == 503) {
            // an outage of a dependency (Keycloak): one line per request, not a stack trace each
            LOG.warnf("request failed: %s (reason=%s)", e.getMessage(), r.code());
        } else if (status >= 500) {
            LOG.errorf(e, "request failed, reason=%s", r.code());
        } else {
            LOG.debugf("request refused, reason=%s: %s", r.code(), e.getMessage());
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

    /** No token: 401 with the contract's body; on the gateways' endpoints audited as an unauthenticated caller. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request, "no bearer token");
    }

    /** A bad or expired token is 401; one that could not be checked because Keycloak is down is 503. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OIDCException o) {
                return oidcUnavailable(o);
            }
        }
        return unauthenticated(request, "the bearer token is not valid");
    }

    /** A valid token without the role the endpoint needs (operator for bans, gateway for decisions). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        if (gatewayEndpoint(request)) {
            return unauthenticated(request, "the token is not a gateway's (role " + GatewayCredential.ROLE + ")");
        }
        LOG.infof("admin call refused, reason=%s", Reason.PERMISSION_DENIED.code());
        return body(403, Reason.PERMISSION_DENIED, "the realm role wharf-operator of the admin realm is required");
    }

    /** quarkus-oidc cannot reach Keycloak to check an admin token: an outage, not the caller's fault. */
    @ServerExceptionMapper
    public Response oidcUnavailable(OIDCException e) {
        LOG.warnf("admin token not checked, reason=%s: %s", Reason.SERVICE_UNAVAILABLE.code(), e.getMessage());
        return body(503, Reason.SERVICE_UNAVAILABLE, "Keycloak, which issues admin tokens, is not reachable");
    }

    private Response unauthenticated(HttpServerRequest request, String why) {
        if (!gatewayEndpoint(request)) {
            return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(Reason.BAD_CREDENTIALS, "a valid bearer token of the admin realm is required"))
                    .build();
        }
        new AccessRefusals(audit, "policy-service").refused(new AccessRefusals.Refusal(
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(), request.method().name(),
                request.path(), Reason.UNAUTHENTICATED_CALLER, why, null, null, null));
        return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(Reason.UNAUTHENTICATED_CALLER, why + ": only the platform's gateways may call this"))
                .build();
    }

    /** The decision and failure endpoints, which only gateways may call (everything but the admin API). */
    private static boolean gatewayEndpoint(HttpServerRequest request) {
        return !request.path().startsWith("/v1/admin/");
    }

    static Response body(int status, Reason reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(reason, message))
                .build();
    }
}
