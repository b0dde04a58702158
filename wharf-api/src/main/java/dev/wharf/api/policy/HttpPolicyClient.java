package dev.wharf.api.policy;

import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.Protocol;

/** {@link PolicyPort} over policy-service's decision and login-failure calls. */
public final class HttpPolicyClient implements PolicyPort {
    private final ServiceHttp http;

    public HttpPolicyClient(ServiceHttp http) {
        this.http = http;
    }

    @Override
    public Decision checkConnect(String clientIp, String tenant, Protocol protocol) {
        return decide("/v1/decisions/connect", new ConnectDecisionRequest(clientIp, tenant, protocol.wire()));
    }

    @Override
    public Decision checkLogin(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
        return decide("/v1/decisions/login", new LoginDecisionRequest(principal, protocol.wire(), clientIp, encrypted));
    }

    @Override
    public void reportLoginFailure(String clientIp, String tenant, String username, Protocol protocol) {
        http.post("/v1/login-failures", new LoginFailureReport(clientIp, tenant, username, protocol.wire()), null);
    }

    private Decision decide(String path, Object request) {
        DecisionResponse r = http.post(path, request, DecisionResponse.class);
        if (r == null) {
            throw new WharfException(Reason.INTERNAL_ERROR, http.service() + " answered " + path + " without a body");
        }
        return r.toDecision();
    }
}
