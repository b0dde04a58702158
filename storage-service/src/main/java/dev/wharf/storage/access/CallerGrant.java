package dev.wharf.storage.access;

import dev.wharf.api.grant.GrantClaims;
import jakarta.enterprise.context.RequestScoped;

/** The verified grant of the current request, set by {@link GrantFilter} before any resource method runs. */
@RequestScoped
public class CallerGrant {
    private GrantClaims claims;

    void set(GrantClaims c) {
        claims = c;
    }

    /** The request's grant; null only on paths the filter does not guard. */
    public GrantClaims claims() {
        return claims;
    }
}
