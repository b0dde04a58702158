package dev.wharf.sftp.session;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.Reason;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.session.GatewaySession;
import io.opentelemetry.api.trace.Span;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.session.SessionContext;

import java.util.concurrent.CompletableFuture;

/**
 * What Wharf keeps per SSH connection, attached to the MINA session: the shared {@link GatewaySession}, the
 * outcome of the connect check (running in the background while the client negotiates keys), and after login the
 * session's {@link FileOperations}.
 */
public final class SftpSession {
    /** Gateway name used as the audit source. */
    public static final String GATEWAY = "/gateway-sftp";

    private static final AttributeRepository.AttributeKey<SftpSession> KEY = new AttributeRepository.AttributeKey<>();

    private final GatewaySession gateway;
    private final LoginFlow login;
    private final SessionTracer tracer;
    private final Span span;
    private final CompletableFuture<Reason> connectDecision = new CompletableFuture<>();
    private volatile FileOperations files;
    private final java.util.concurrent.atomic.AtomicInteger openFiles = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger authFailures = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Set<String> needSecondFactor = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean siteHinted = new java.util.concurrent.atomic.AtomicBoolean();

    /** @param login the login chain of this connection (its destination address may name the tenant) */
    public SftpSession(GatewaySession gateway, LoginFlow login, SessionTracer tracer) {
        this.gateway = gateway;
        this.login = login;
        this.tracer = tracer;
        this.span = tracer.open(gateway);
    }

    /** Attaches a new state to a MINA session; its span starts now and ends with {@link #traceClosed}. */
    public static SftpSession attach(SessionContext session, GatewaySession gateway, LoginFlow login,
                                     SessionTracer tracer) {
        SftpSession s = new SftpSession(gateway, login, tracer);
        session.setAttribute(KEY, s);
        return s;
    }

    /** The state of a MINA session, or null for a session Wharf did not register (should not happen). */
    public static SftpSession of(SessionContext session) {
        return session.getAttribute(KEY);
    }

    /**
     * Enters this session for one event ({@code SFTP OPEN}, {@code SFTP login}): its logging context and a span,
     * child of the session's; SSHD runs a session's events on its I/O, auth and channel threads, so each enters.
     */
    public SessionTracer.Event trace(String operation) {
        return tracer.enter(gateway, span, operation);
    }

    /** Ends the session's span (after its closed event). */
    public void traceClosed() {
        tracer.close(gateway, span);
    }

    public GatewaySession gateway() {
        return gateway;
    }

    /** The login chain every authentication method of this connection runs. */
    public LoginFlow login() {
        return login;
    }

    /** True the first time only: the "name your site" hint is shown once per connection (clients retry). */
    public boolean firstSiteHint() {
        return siteHinted.compareAndSet(false, true);
    }

    /** Completes with the connect check's reason (OK or the refusal). */
    public CompletableFuture<Reason> connectDecision() {
        return connectDecision;
    }

    /** The file operations once logged in, else null. */
    public FileOperations files() {
        return files;
    }

    public void loggedIn(FileOperations operations) {
        this.files = operations;
    }

    /** Remembers that identity asked this login name for a second factor, so keyboard-interactive asks for the code. */
    public void secondFactorRequired(String loginName) {
        if (needSecondFactor.size() < 16) { // bounded: a client may try many names within its attempts
            needSecondFactor.add(loginName);
        }
    }

    /** Whether a login of this name already answered second_factor_required in this session. */
    public boolean needsSecondFactor(String loginName) {
        return needSecondFactor.contains(loginName);
    }

    /** A file handle was opened (a transfer runs until it is closed). */
    public void fileOpened() {
        openFiles.incrementAndGet();
    }

    public void fileClosed() {
        openFiles.decrementAndGet();
    }

    /** Whether a transfer is running: a file handle is open (graceful shutdown waits for these). */
    public boolean transferring() {
        return openFiles.get() > 0;
    }

    /** Counts one refused authentication attempt; returns how many there were so far. */
    public int authFailed() {
        return authFailures.incrementAndGet();
    }

    public int authFailures() {
        return authFailures.get();
    }
}
