package dev.wharf.storage.access;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.api.grant.GrantVerifier;
import dev.wharf.api.grant.RemoteGrantKeys;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.audit.AuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grant verifier with identity-service's published keys. Application-scoped, so it is made on the first request
 * (its configuration is runtime configuration; the request filter itself is made earlier).
 *
 * <p>A session shows the same grant on every call until it renews it, and checking an EdDSA signature costs about a
 * millisecond here (bench/grant-jmh), so a grant verified once is remembered until it expires: later calls with it
 * cost a map lookup. The memory is bounded and only ever holds grants whose signature was valid.
 */
@ApplicationScoped
public class GrantVerification {
    /** Grants remembered at most; beyond that the memory starts again (a burst of new sessions, not a leak). */
    static final int MAX_REMEMBERED = 20_000;

    private final GrantVerifier verifier;
    private final AccessRefusals refusals;
    private final Map<String, GrantClaims> verified = new ConcurrentHashMap<>();

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
        if (token != null) {
            GrantClaims known = verified.get(token);
            if (known != null) {
                if (Instant.now().isBefore(known.expiresAt())) {
                    return known;
                }
                verified.remove(token);
            }
        }
        GrantClaims c = verifier.verify(token);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(token, c);
        return c;
    }
}
