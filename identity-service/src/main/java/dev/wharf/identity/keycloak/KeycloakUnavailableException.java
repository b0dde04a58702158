package dev.wharf.identity.keycloak;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

/** Keycloak could not be reached or answered with a server error: callers answer 503 service_unavailable. */
public class KeycloakUnavailableException extends WharfException {
    public KeycloakUnavailableException(String detail, Throwable cause) {
        super(Reason.SERVICE_UNAVAILABLE, detail, cause);
    }

    public KeycloakUnavailableException(String detail) {
        super(Reason.SERVICE_UNAVAILABLE, detail);
    }
}
