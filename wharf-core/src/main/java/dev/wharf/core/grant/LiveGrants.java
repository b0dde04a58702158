package dev.wharf.core.grant;

import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.session.GatewaySession;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The logged-in sessions of a connection gateway (FTP, SFTP) whose grants are kept alive: every
 * {@link #SWEEP} each session's grant is renewed when it is due, idle or not, and when a session closes
 * identity-service is told, so that it counts the user's open sessions right (per-user session limit, issue 14).
 * A session whose gateway dies is neither renewed nor reported: identity-service stops counting it when its grant's
 * lease runs out. One daemon thread, started at the first session; renewals and reports never run on an I/O thread.
 */
public final class LiveGrants implements AutoCloseable {
    /** How often due grants are renewed: well inside the renewal window of {@link SessionGrant} (half a lifetime). */
    public static final Duration SWEEP = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(LiveGrants.class);

    private final IdentityPort identity;
    private final Set<GatewaySession> live = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService timer;

    /** @param identity where grants are renewed and ended sessions reported; null: nothing is tracked */
    public LiveGrants(IdentityPort identity) {
        this.identity = identity;
    }

    /** Tracks nothing: for gateways whose sessions are not counted (the web) and tests. */
    public static LiveGrants none() {
        return new LiveGrants(null);
    }

    /** A session has logged in with a signed grant: keep it alive until {@link #closed}. */
    public void add(GatewaySession s) {
        if (identity == null || s.grant() == null || s.grant().expiresAt() == null) {
            return;
        }
        live.add(s);
        timer().execute(() -> { }); // starts the sweep on first use
    }

    /** The session has closed: its grant is no longer renewed, and identity-service hears that it ended. */
    public void closed(GatewaySession s) {
        if (live.remove(s)) {
            report(s.toString(), s.grant().lastToken());
        }
    }

    /**
     * A grant identity-service issued for a login the gateway then refused (policy): the session never started, so
     * identity-service hears at once that it ended rather than counting it until its lease runs out.
     */
    public void discarded(GatewaySession s, IssuedGrant grant) {
        if (identity != null && grant != null) {
            report(s.toString(), grant.token());
        }
    }

    private void report(String session, String token) {
        try {
            timer().execute(() -> {
                try {
                    identity.endSession(token);
                } catch (RuntimeException e) {
                    // identity-service lets the session's lease run out instead
                    LOG.debugf("%s: end of session not reported: %s", session, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("%s: end of session not reported: shutting down", session);
        }
    }

    /** How many sessions are kept alive now. */
    public int size() {
        return live.size();
    }

    /** Renews every grant that is due; a refusal (user disabled, expired) is left to the session's next call. */
    void sweep() {
        for (GatewaySession s : live) {
            try {
                s.grant().token();
            } catch (RuntimeException e) {
                LOG.debugf("%s: grant not renewed: %s", s, e.toString());
            }
        }
    }

    private ScheduledExecutorService timer() {
        ScheduledExecutorService t = timer;
        if (t == null) {
            synchronized (this) {
                t = timer;
                if (t == null) {
                    t = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread th = new Thread(r, "wharf-live-grants");
                        th.setDaemon(true);
                        return th;
                    });
                    t.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
                    timer = t;
                }
            }
        }
        return t;
    }

    @Override
    public void close() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }
}
