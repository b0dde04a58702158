package dev.wharf.sftp.session;

import dev.wharf.core.Reason;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.session.GatewaySession;
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
    private final CompletableFuture<Reason> connectDecision = new CompletableFuture<>();
    private volatile FileOperations files;
    private final java.util.Set<String> needSecondFactor = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SftpSession(GatewaySession gateway) {
        this.gateway = gateway;
    }

    /** Attaches a new state to a MINA session. */
    public static SftpSession attach(SessionContext session, GatewaySession gateway) {
        SftpSession s = new SftpSession(gateway);
        session.setAttribute(KEY, s);
        return s;
    }

    /** The state of a MINA session, or null for a session Wharf did not register (should not happen). */
    public static SftpSession of(SessionContext session) {
        return session.getAttribute(KEY);
    }

    public GatewaySession gateway() {
        return gateway;
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
}
