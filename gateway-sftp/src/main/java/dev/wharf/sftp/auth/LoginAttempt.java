package dev.wharf.sftp.auth;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.sftp.limits.RefusalAudit;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every SSH authentication method does around the shared login chain: wait for the background connect
 * check, run the chain off the I/O thread (SSHD's asynchronous authentication), count the outcome, attach the
 * file operations on success and explain a refusal the user can act on in a banner.
 */
public final class LoginAttempt {
    private static final Logger LOG = Logger.getLogger(LoginAttempt.class);

    private final StoragePort storage;
    private final SessionAudit audit;
    private final Executor blocking;
    private final Duration connectWait;
    private final Consumer<Reason> outcomes;
    private final int maxFailures;

    /**
     * @param connectWait how long a login waits for the connect check still running in the background
     * @param outcomes    told every login outcome (metrics)
     * @param maxFailures refused attempts per connection; the next attempt disconnects (OpenSSH's MaxAuthTries)
     */
    private final RefusalAudit refusals;

    public LoginAttempt(StoragePort storage, SessionAudit audit, Executor blocking, Duration connectWait,
                        Consumer<Reason> outcomes, int maxFailures) {
        this.maxFailures = maxFailures;
        this.storage = storage;
        this.audit = audit;
        this.refusals = new RefusalAudit(audit);
        this.blocking = blocking;
        this.connectWait = connectWait;
        this.outcomes = outcomes;
    }

    /**
     * Starts {@code step} (one LoginFlow call) in the background and throws the pending {@link AsyncAuthException}
     * SSHD waits on; {@code afterRefusal} sees a refusal before the client does.
     */
    public AsyncAuthException start(SftpSession state, ServerSession session, String username,
                                    Function<GatewaySession, Reason> step,
                                    Consumer<Reason> afterRefusal) {
        AsyncAuthException pending = new AsyncAuthException();
        blocking.execute(() -> pending.setAuthed(run(state, session, username, step, afterRefusal, true)));
        return pending;
    }

    /**
     * Runs {@code step} on the login threads and waits for it, at most the connect wait plus the same again for
     * the service calls: for authentication methods SSHD cannot complete asynchronously (public key). An attempt
     * that outlives the wait is refused here even if it later succeeds (the SSH session stays unauthenticated).
     */
    public boolean await(SftpSession state, ServerSession session, String username,
                         Function<GatewaySession, Reason> step,
                         Consumer<Reason> afterRefusal) throws InterruptedException {
        CompletableFuture<Boolean> done = CompletableFuture.supplyAsync(
                () -> run(state, session, username, step, afterRefusal, false), blocking);
        try {
            return done.get(connectWait.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("%s: public-key login did not finish in time: %s", state.gateway(), e.toString());
            return false;
        }
    }

    /** @param password a password was tried (not a key, which clients offer one after the other) */
    private boolean run(SftpSession state, ServerSession session, String username,
                        Function<GatewaySession, Reason> step,
                        Consumer<Reason> afterRefusal, boolean password) {
        if (state.authFailures() >= maxFailures) {
            LOG.infof("%s: disconnected after %d failed authentication attempts, reason=%s", state.gateway(),
                    maxFailures, Reason.SERVICE_UNAVAILABLE.code());
            refusals.refused(session, username, Reason.SERVICE_UNAVAILABLE, RefusalAudit.MAX_AUTH_ATTEMPTS);
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                        Reason.SERVICE_UNAVAILABLE.code() + ": Too many authentication failures (" + maxFailures
                                + "): check your credentials and connect again.");
            } catch (IOException e) {
                session.close(true);
            }
            return false;
        }
        Reason reason;
        try (SessionTracer.Event ignored = state.trace("SFTP login")) {
            Reason connect = state.connectDecision().get(connectWait.toMillis(), TimeUnit.MILLISECONDS);
            reason = connect != Reason.OK ? connect : step.apply(state.gateway());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = Reason.SERVICE_UNAVAILABLE;
        } catch (Exception e) {
            LOG.warnf(e, "%s: login failed unexpectedly", state.gateway());
            reason = Reason.SERVICE_UNAVAILABLE;
        }
        outcomes.accept(reason);
        if (reason == Reason.OK) {
            state.loggedIn(new FileOperations(state.gateway(), storage, audit));
            return true;
        }
        if (reason != Reason.SECOND_FACTOR_REQUIRED) { // the first half of a 2FA login is no failure
            state.authFailed();
        }
        afterRefusal.accept(reason);
        String banner = RefusalBanner.forLogin(reason, username, state.gateway().portalUrl(),
                password && reason == Reason.BAD_CREDENTIALS && state.firstSiteHint());
        if (banner != null) {
            sendBanner(session, banner);
        }
        return false;
    }

    // RFC 4252 section 5.4: a banner may be sent at any time before authentication succeeds
    private static void sendBanner(ServerSession session, String text) {
        try {
            Buffer b = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_BANNER, text.length() + 16);
            b.putString(text);
            b.putString("en");
            session.writePacket(b);
        } catch (IOException e) {
            LOG.debugf("banner not sent: %s", e.toString());
        }
    }
}
