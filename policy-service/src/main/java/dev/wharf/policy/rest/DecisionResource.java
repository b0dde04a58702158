package dev.wharf.policy.rest;

import dev.wharf.api.auth.GatewayCredential;
import dev.wharf.api.policy.ConnectDecisionRequest;
import jakarta.annotation.security.RolesAllowed;
import dev.wharf.api.policy.DecisionResponse;
import dev.wharf.api.policy.LoginDecisionRequest;
import dev.wharf.api.policy.LoginFailureReport;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.policy.decision.PolicyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The policy endpoints of docs/service-api.md, for the platform's gateways only (their service credential: a
 * token with the admin realm's role {@value GatewayCredential#ROLE}); refusals are answers (200), bad input is 400.
 */
@Path("/v1")
@RolesAllowed(GatewayCredential.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {
    private final PolicyService policy;

    @Inject
    public DecisionResource(PolicyService policy) {
        this.policy = policy;
    }

    @POST
    @Path("/decisions/connect")
    public DecisionResponse connect(ConnectDecisionRequest req) {
        required(req);
        return DecisionResponse.of(policy.connect(req.clientIp(), req.tenant(), req.protocol()));
    }

    @POST
    @Path("/decisions/login")
    public DecisionResponse login(LoginDecisionRequest req) {
        required(req);
        return DecisionResponse.of(policy.login(req.principal(), req.protocol(), req.clientIp(), req.encrypted()));
    }

    /** Answers 204 (no content) once the failure is counted. */
    @POST
    @Path("/login-failures")
    public void loginFailure(LoginFailureReport req) {
        required(req);
        policy.loginFailed(req.clientIp(), req.tenant(), req.username(), req.protocol());
    }

    private static void required(Object body) {
        if (body == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON request body is required");
        }
    }
}
