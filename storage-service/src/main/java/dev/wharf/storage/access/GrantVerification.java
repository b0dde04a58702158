package dev.wharf.storage.access;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.api.grant.GrantVerifier;
import dev.wharf.api.grant.RemoteGrantKeys;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.audit.AuditSink;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

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

    private final HttpsJwks keys;
    private final GrantVerifier verifier;
    private final AccessRefusals refusals;
    private final Map<String, GrantClaims> verified = new ConcurrentHashMap<>();

    @Inject
    public GrantVerification(GrantConfig config, AuditSink audit) {
        this.keys = RemoteGrantKeys.keySet(config.keysUrl(), config.cacheFor(), config.minRefresh());
        this.verifier = new GrantVerifier(new HttpsJwksVerificationKeyResolver(keys));
        this.refusals = new AccessRefusals(audit, "storage-service");
    }

    /**
     * Fetches identity-service's keys at start, best effort: a replica that served no call yet would otherwise meet
     * its first grant without keys, and could verify nothing while identity-service is away (its grants stay
     * valid meanwhile: sessions ride out an identity outage, DECISIONS.md). Not there yet: fetched on first use.
     */
    void prefetch(@Observes StartupEvent started) {
        Thread.ofVirtual().name("grant-keys-prefetch").start(() -> {
            try {
                keys.refresh();
            } catch (Exception e) {
                Logger.getLogger(GrantVerification.class).infof(
                        "grant verification keys not fetched at start (%s): fetched with the first grant", e.toString());
            }
        });
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
