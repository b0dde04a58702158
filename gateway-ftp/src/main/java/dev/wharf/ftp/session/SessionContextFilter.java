package dev.wharf.ftp.session;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.session.GatewaySession;
import io.opentelemetry.api.trace.Span;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;

import java.util.Locale;

/**
 * A MINA filter right after the library's line codec: each command of a session runs in that session's logging
 * context and in a span of its own ({@code FTP STOR}), a child of the session's span. The library hands a session's
 * commands to its thread pool one at a time but not always to the same thread, so the context is entered and left per
 * command; a transfer runs inside its command, so its log lines and storage calls belong to the session as well.
 */
public final class SessionContextFilter extends IoFilterAdapter {
    /** A command name is a few letters; anything else is named generically (the argument is never in a span name). */
    private static final int MAX_COMMAND = 8;

    private final SessionTracer tracer;

    public SessionContextFilter(SessionTracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        inSession(session, "FTP " + command(message), () -> next.messageReceived(session, message));
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
        inSession(session, "FTP idle", () -> next.sessionIdle(session, status));
    }

    /** The next filter's work, as it is. */
    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} in the session's context, or as it is before the session exists (before connect). */
    private void inSession(IoSession session, String operation, Work work) throws Exception {
        GatewaySession gs = (GatewaySession) session.getAttribute(FtpSessions.GATEWAY_SESSION);
        if (gs == null) {
            work.run();
            return;
        }
        try (SessionTracer.Event ignored = tracer.enter(gs, span(session), operation)) {
            work.run();
        }
    }

    private static Span span(IoSession session) {
        return (Span) session.getAttribute(FtpSessions.SESSION_SPAN);
    }

    /** The command word of a control line, upper case; never its argument (PASS carries the password). */
    static String command(Object message) {
        if (!(message instanceof String line)) {
            return "command";
        }
        int end = 0;
        while (end < line.length() && end <= MAX_COMMAND && Character.isLetter(line.charAt(end))
                && line.charAt(end) < 128) {
            end++;
        }
        if (end == 0 || end > MAX_COMMAND) {
            return "command";
        }
        return line.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
