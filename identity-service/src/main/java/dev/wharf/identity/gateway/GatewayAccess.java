package dev.wharf.identity.gateway;

import dev.wharf.api.auth.GatewayCredential;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.keycloak.KeycloakConfig;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Admits only the platform's gateways to the endpoints that check credentials or issue grants: the caller's
 * bearer token must come from the admin realm, be issued to the gateways' client and carry
 * {@link GatewayCredential#ROLE}. Anything else is {@code unauthenticated_caller} (401), audited by the error mapper
 * with the caller's address.
 */
@RequestScoped
public class GatewayAccess {
    private final Instance<SecurityIdentity> identity;
    private final String adminRealm;
    private final String clientId;

    @Inject
    public GatewayAccess(Instance<SecurityIdentity> identity, KeycloakConfig keycloak, GatewayCredentialConfig config) {
        this.identity = identity;
        this.adminRealm = keycloak.adminRealm();
        this.clientId = config.clientId();
    }

    /** Returns when the caller is a gateway; else throws {@code unauthenticated_caller}. */
    public void require() {
        SecurityIdentity id;
        try {
            id = identity.get();
        } catch (AuthenticationFailedException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OIDCException) {
                    throw e; // Keycloak unreachable: 503, as for admin tokens
                }
            }
            throw refused("the bearer token is not valid");
        }
        if (id == null || id.isAnonymous() || !(id.getPrincipal() instanceof JsonWebToken jwt)) {
            throw refused("no bearer token: only the platform's gateways may call this");
        }
        String issuer = jwt.getIssuer();
        if (issuer == null || !issuer.endsWith("/realms/" + adminRealm)) {
            throw refused("the token is not from the admin realm");
        }
        Object azp = jwt.getClaim("azp");
        if (azp == null || !clientId.equals(azp.toString()) || !id.hasRole(GatewayCredential.ROLE)) {
            throw refused("the token is not a gateway's (client " + clientId + ", role " + GatewayCredential.ROLE + ")");
        }
    }

    private static WharfException refused(String why) {
        return new WharfException(Reason.UNAUTHENTICATED_CALLER, why);
    }
}
