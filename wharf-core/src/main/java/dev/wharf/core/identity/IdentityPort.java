package dev.wharf.core.identity;

import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.core.session.Protocol;

import java.util.Optional;

/** Checks who a client is (identity-service); adapters live beside the callers' transport. */
public interface IdentityPort {
    /** Never throws for a refusal: refusals come back as {@link AuthResult#refused}; outages throw. */
    AuthResult authenticate(Credentials credentials);

    /**
     * A client proved (SSH signature, checked by the gateway) that it holds the private key of
     * {@code publicKeyOpenSsh} (one OpenSSH line, {@code type base64 [comment]}): is it one of the user's keys?
     * Refusals and outages as for {@link #authenticate}. A default so password-only test doubles (lambdas) keep
     * compiling; every real adapter overrides it.
     */
    default AuthResult authenticatePublicKey(String tenant, String username, String publicKeyOpenSsh, String clientIp,
                                             Protocol protocol, String sessionId) {
        throw new UnsupportedOperationException("public-key authentication is not supported by " + getClass().getName());
    }

    /**
     * A browser signed in to the tenant's realm through its web client (gateway-web): is {@code accessToken} a valid
     * token of that realm and client, and who is it? Refusals and outages as for {@link #authenticate}. A default
     * for test doubles; every real adapter overrides it.
     */
    default AuthResult authenticateToken(String tenant, String accessToken, String clientIp, Protocol protocol,
                                         String sessionId) {
        throw new UnsupportedOperationException("token authentication is not supported by " + getClass().getName());
    }

    /**
     * A fresh grant for the session {@code current} was issued to; identity-service re-checks that the user may
     * still log in. A refusal throws {@link dev.wharf.core.WharfException} with its reason, as does an outage. A
     * default for test doubles that issue no grants.
     */
    default IssuedGrant renewGrant(IssuedGrant current) {
        throw new UnsupportedOperationException("grants are not issued by " + getClass().getName());
    }

    /**
     * The session whose grant is {@code grantToken} has ended: identity-service stops counting it under its user's
     * session limit. Outages throw (the session's lease then runs out by itself). A default for test doubles.
     */
    default void endSession(String grantToken) {
    }

    /**
     * The tenant that made {@code hostName} (a DNS name outside the platform's base domain) its own host name, if
     * any. Never throws: an outage answers empty (the login then falls back to the other ways of naming a tenant).
     */
    default Optional<String> tenantOfHostname(String hostName) {
        return Optional.empty();
    }
}
