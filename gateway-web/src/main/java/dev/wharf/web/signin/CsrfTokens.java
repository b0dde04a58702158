package dev.wharf.web.signin;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * CSRF tokens without server state: the HMAC of the tenant and the Keycloak session ({@code sid} of the ID token),
 * put into every form and checked on every change. Another site can neither read it (same-origin) nor compute it
 * (the key never leaves the gateway); it changes with each sign-in.
 */
@ApplicationScoped
public class CsrfTokens {
    private final WebSecrets secrets;

    @Inject
    public CsrfTokens(WebSecrets secrets) {
        this.secrets = secrets;
    }

    public String token(String tenant, String keycloakSession) {
        return secrets.csrfMac(tenant + "\n" + keycloakSession);
    }

    /** @throws WharfException {@code csrf_invalid} when {@code presented} is not this session's token */
    public void check(String tenant, String keycloakSession, String presented) {
        if (!WebSecrets.same(token(tenant, keycloakSession), presented)) {
            throw new WharfException(Reason.CSRF_INVALID, "the form is not from this session");
        }
    }
}
