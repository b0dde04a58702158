package dev.wharf.storage.access;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.api.grant.GrantVerifier;
import dev.wharf.api.grant.RemoteGrantKeys;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.audit.AuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The grant verifier with identity-service's published keys. Application-scoped, so it is made on the first request
 * (its configuration is runtime configuration; the request filter itself is made earlier).
 */
@ApplicationScoped
public class GrantVerification {
    private final GrantVerifier verifier;
    private final AccessRefusals refusals;

    @Inject
    public GrantVerification(GrantConfig config, AuditSink audit) {
        this.verifier = new GrantVerifier(RemoteGrantKeys.at(config.keysUrl(), config.cacheFor(), config.minRefresh()));
        this.refusals = new AccessRefusals(audit, "storage-service");
    }

    /** Logs and audits a refused call. */
    public void refused(AccessRefusals.Refusal r) {
        refusals.refused(r);
    }

    /** The claims of a valid, unexpired grant; else {@code unauthenticated_caller}. */
    public GrantClaims verify(String token) {
        return verifier.verify(token);
    }
}
