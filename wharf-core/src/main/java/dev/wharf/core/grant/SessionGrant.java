package dev.wharf.core.grant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.bandwidth.Bandwidth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a logged-in session shows storage-service on every call: the tenant and the short-lived grant
 * identity-service signed for this session (ARCHITECTURE.md, "Trust boundaries"). A grant close to its expiry is
 * renewed before it is shown, so a session outlives any one grant, while a grant copied out of a session stops
 * working within its lifetime. A transfer that has started is never cut: storage checks a grant when a call
 * starts.
 *
 * <p>Renewal starts at half the grant's lifetime and an outage of identity-service does not end the session: while
 * the current grant is still valid it is shown as it is and renewal is tried again every {@link #RETRY}; only a
 * grant that expired before identity-service came back fails the call ({@code service_unavailable}). So logged-in
 * sessions ride out an outage of up to half a lifetime (2.5 min with the default 5 min), and a refusal
 * (account disabled, expired, ...) still ends the session at the next renewal (docs/DECISIONS.md, "Grant renewal
 * during an identity outage").
 */
public final class SessionGrant {
    /** How soon a renewal that failed for an outage is tried again, while the current grant is still valid. */
    static final Duration RETRY = Duration.ofSeconds(5);

    private final String tenant;
    private final GrantRenewer renewer;
    private final Clock clock;
    private volatile IssuedGrant current;
    private volatile Instant renewAt;

    /**
     * @param grant   the grant issued at login; null only where no storage-service checks it (in-memory test ports)
     * @param renewer how to get a new grant when this one runs out
     */
    public SessionGrant(String tenant, IssuedGrant grant, GrantRenewer renewer, Clock clock) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.renewer = renewer;
        this.clock = clock;
        set(grant, clock.instant());
    }

    public SessionGrant(String tenant, IssuedGrant grant, GrantRenewer renewer) {
        this(tenant, grant, renewer, Clock.systemUTC());
    }

    /** A session without a signed grant: for ports that check none (tests, in-memory storage). */
    public static SessionGrant unsigned(String tenant) {
        return new SessionGrant(tenant, null, null);
    }

    public String tenant() {
        return tenant;
    }

    /** The token to send now, renewed first when it is about to expire; null for an unsigned grant. */
    public String token() {
        IssuedGrant g = current;
        if (g == null) {
            return null;
        }
        if (renewer != null && !clock.instant().isBefore(renewAt)) {
            synchronized (this) {
                g = current;
                Instant now = clock.instant();
                if (!now.isBefore(renewAt)) {
                    try {
                        g = renewer.renew(g);
                        set(g, now);
                    } catch (RuntimeException e) {
                        if (!outage(e) || !now.isBefore(g.expiresAt())) {
                            throw e;
                        }
                        // identity-service is away: keep the grant that is still valid, try again shortly
                        Instant retry = now.plus(RETRY);
                        renewAt = retry.isBefore(g.expiresAt()) ? retry : g.expiresAt();
                    }
                }
            }
        }
        return g.token();
    }

    /** The token held now, without renewing it (to name the session after it ended); null for an unsigned grant. */
    public String lastToken() {
        IssuedGrant g = current;
        return g == null ? null : g.token();
    }

    /** The folder rules of the current grant (renewals bring an administrator's changes); none when unsigned. */
    public AccessRules access() {
        IssuedGrant g = current;
        return g == null ? AccessRules.NONE : g.access();
    }

    /** The transfer rate limits of the current grant (renewals bring an administrator's change); none when unsigned. */
    public Bandwidth bandwidth() {
        IssuedGrant g = current;
        return g == null ? Bandwidth.NONE : g.bandwidth();
    }

    /** When the current grant expires; null for an unsigned grant. */
    public Instant expiresAt() {
        IssuedGrant g = current;
        return g == null ? null : g.expiresAt();
    }

    private void set(IssuedGrant g, Instant now) {
        current = g;
        if (g != null) {
            Duration left = Duration.between(now, g.expiresAt());
            renewAt = g.expiresAt().minus(left.isNegative() ? Duration.ZERO : left.dividedBy(2));
        }
    }

    /** Whether a failed renewal means identity-service is away, not that it refused this session. */
    private static boolean outage(RuntimeException e) {
        return !(e instanceof WharfException w) || w.reason() == Reason.SERVICE_UNAVAILABLE;
    }

    @Override
    public String toString() {
        return "SessionGrant[tenant=" + tenant + ", expiresAt=" + expiresAt() + "]";
    }
}
