package dev.wharf.api.identity;

import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.api.grant.GrantRenewal;
import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.session.Protocol;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link IdentityPort} over identity-service's {@code POST /v1/authenticate}, {@code /v1/authenticate/publickey}, {@code /v1/authenticate/token} and
 * {@code /v1/grants/renew}; every call carries the gateway's service credential.
 */
public final class HttpIdentityClient implements IdentityPort {
    private static final Logger LOG = Logger.getLogger(HttpIdentityClient.class);
    /** How long a host-name answer is reused: a new custom host name works within this time. */
    static final Duration HOSTNAME_TTL = Duration.ofSeconds(30);

    private final ServiceHttp http;
    private final HostnameCache hostnames = new HostnameCache(HOSTNAME_TTL, 10_000, Clock.systemUTC());

    public HttpIdentityClient(ServiceHttp http) {
        this.http = http;
    }

    /** {@code GET /v1/hostnames/{host}}, cached; an outage answers empty and is not cached. */
    @Override
    public Optional<String> tenantOfHostname(String hostName) {
        try {
            return hostnames.get(hostName, this::lookUp);
        } catch (WharfException e) {
            LOG.debugf("host name %s not resolved: %s", hostName, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<String> lookUp(String hostName) {
        try {
            HostnameAnswer a = http.get("/v1/hostnames/" + URLEncoder.encode(hostName, StandardCharsets.UTF_8),
                    HostnameAnswer.class);
            return Optional.ofNullable(a == null ? null : a.tenant());
        } catch (WharfException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Refusals come back as results; an unreachable service or an error answer throws {@link WharfException}. */
    @Override
    public AuthResult authenticate(Credentials credentials) {
        return result(http.post("/v1/authenticate", AuthenticateRequest.of(credentials), AuthenticateResponse.class));
    }

    /** As {@link #authenticate}: refusals are results, outages and error answers throw. */
    @Override
    public AuthResult authenticatePublicKey(String tenant, String username, String publicKeyOpenSsh, String clientIp,
                                            Protocol protocol, String sessionId) {
        PublicKeyAuthenticateRequest req = new PublicKeyAuthenticateRequest(tenant, username, publicKeyOpenSsh,
                clientIp, protocol == null ? null : protocol.wire(), sessionId);
        return result(http.post("/v1/authenticate/publickey", req, AuthenticateResponse.class));
    }

    /** {@code POST /v1/authenticate/token} (gateway-web): refusals are results, outages and error answers throw. */
    @Override
    public AuthResult authenticateToken(String tenant, String accessToken, String clientIp, Protocol protocol,
                                        String sessionId) {
        TokenAuthenticateRequest req = new TokenAuthenticateRequest(tenant, accessToken, clientIp,
                protocol == null ? null : protocol.wire(), sessionId);
        return result(http.post("/v1/authenticate/token", req, AuthenticateResponse.class));
    }

    /** {@code POST /v1/grants/end}: the session of this grant has ended; an outage throws. */
    @Override
    public void endSession(String grantToken) {
        if (grantToken != null) {
            http.post("/v1/grants/end", new GrantRenewal(grantToken, null), null);
        }
    }

    /** {@code POST /v1/grants/renew}: a refusal ({@code unauthenticated_caller}) or an outage throws. */
    @Override
    public IssuedGrant renewGrant(IssuedGrant current) {
        GrantRenewal r = http.post("/v1/grants/renew", new GrantRenewal(current.token(), null), GrantRenewal.class);
        if (r == null || r.grant() == null || r.expiresAt() == null) {
            throw new WharfException(Reason.INTERNAL_ERROR, http.service() + " renewed a grant without a grant");
        }
        return r.toIssuedGrant();
    }

    private AuthResult result(AuthenticateResponse r) {
        if (r == null || r.reason() == null) {
            throw new WharfException(Reason.INTERNAL_ERROR, http.service() + " answered without a reason");
        }
        AuthResult result = r.toAuthResult();
        return r.portalUrl() == null || result.ok() ? result : result.withPortalUrl(r.portalUrl());
    }
}
