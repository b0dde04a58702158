package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * SSH password authentication through the shared {@link LoginFlow}. The identity and policy calls run off the
 * I/O thread (SSHD's asynchronous authentication); a refusal the user can act on is sent as an SSH banner just
 * before the failure, which OpenSSH and most GUI clients print.
 */
public final class PasswordLogin implements PasswordAuthenticator {
    private static final Logger LOG = Logger.getLogger(PasswordLogin.class);

    private final LoginFlow login;
    private final StoragePort storage;
    private final SessionAudit audit;
    private final Executor blocking;
    private final Duration connectWait;
    private final Consumer<Reason> outcomes;

    /**
     * @param connectWait how long a login waits for the connect check still running in the background
     * @param outcomes    told every login outcome (metrics)
     */
    public PasswordLogin(LoginFlow login, StoragePort storage, SessionAudit audit, Executor blocking,
                         Duration connectWait, Consumer<Reason> outcomes) {
        this.login = login;
        this.storage = storage;
        this.audit = audit;
        this.blocking = blocking;
        this.connectWait = connectWait;
        this.outcomes = outcomes;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        SftpSession state = SftpSession.of(session);
        if (state == null) {
            return false;
        }
        AsyncAuthException pending = new AsyncAuthException();
        blocking.execute(() -> pending.setAuthed(attempt(state, session, username, password)));
        throw pending;
    }

    private boolean attempt(SftpSession state, ServerSession session, String username, String password) {
        Reason reason;
        try {
            Reason connect = state.connectDecision().get(connectWait.toMillis(), TimeUnit.MILLISECONDS);
            reason = connect != Reason.OK ? connect
                    : login.login(state.gateway(), null, username, password, null);
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
        if (RefusalBanner.shows(reason)) {
            sendBanner(session, RefusalBanner.text(reason));
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
