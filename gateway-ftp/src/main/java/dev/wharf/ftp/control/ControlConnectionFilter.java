package dev.wharf.ftp.control;

import dev.wharf.core.Reason;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.ftp.session.FtpSessions;
import dev.wharf.ftp.session.RefusalAudit;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.impl.DefaultFtpRequest;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.codec.RecoverableProtocolDecoderException;
import org.jboss.logging.Logger;

import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A MINA filter after the library's line codec: answers {@code HOST} (RFC 7151) and {@code FEAT} before login, which
 * the library's pre-login gate would refuse with 530; closes connections that speak HTTP, send a run of unknown
 * commands before login or a command line over the codec's limit; ends idle control connections with a {@code 421};
 * and keeps control characters of echoed client input out of every reply.
 */
public final class ControlConnectionFilter extends IoFilterAdapter {
    private static final Logger LOG = Logger.getLogger(ControlConnectionFilter.class);
    /** Session attribute holding the host name the client sent with HOST. */
    public static final String HOST_NAME = "dev.wharf.ftp.host-name";
    /** The library's session attribute of a logged-in user (FtpIoSession.isLoggedIn reads it). */
    private static final String LIBRARY_USER = "org.apache.ftpserver.user";
    /** The library's session attribute of the name sent with USER. */
    private static final String LIBRARY_USER_ARGUMENT = "org.apache.ftpserver.user-argument";
    private static final Pattern HOST_NAME_SYNTAX = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]|[0-9.]{7,15}");

    /** Unknown commands a client may send before login; the next one closes the connection. */
    public static final int MAX_UNKNOWN_BEFORE_LOGIN = 3;
    /** Longest command line, in bytes with its line end: the library's line decoder (MINA default) enforces it. */
    public static final int MAX_LINE_LENGTH = 1024;
    private static final String UNKNOWN_COUNT = "dev.wharf.ftp.unknown-commands";
    private static final String TLS_FAILED = "dev.wharf.ftp.tls-failed";
    private static final String CLOSE_DELIVERED = "dev.wharf.ftp.close-delivered";
    private static final Set<String> HTTP_VERBS = Set.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS",
            "CONNECT", "PATCH", "TRACE", "PRI");

    private final RefusalAudit audit;
    private final TenantResolver tenants;
    private final String features;
    private final Predicate<String> knownCommand;

    /**
     * @param features     the FEAT reply text, the same the library answers after login
     * @param knownCommand whether the gateway implements a command (by upper-case name)
     */
    public ControlConnectionFilter(TenantResolver tenants, String features, Predicate<String> knownCommand,
                                   RefusalAudit audit) {
        this.audit = audit;
        this.tenants = tenants;
        this.features = features;
        this.knownCommand = knownCommand;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (message instanceof String line && !session.containsAttribute(LIBRARY_USER)) {
            DefaultFtpRequest request = new DefaultFtpRequest(line);
            switch (request.getCommand()) {
                case "HOST" -> {
                    session.write(host(session, request.getArgument()));
                    return;
                }
                case "FEAT" -> {
                    session.write(new DefaultFtpReply(FtpReply.REPLY_211_SYSTEM_STATUS_REPLY, features));
                    return;
                }
                default -> {
                    if (hostileBeforeLogin(session, request.getCommand())) {
                        return;
                    }
                }
            }
        } else if (message instanceof String line && "HOST".equals(new DefaultFtpRequest(line).getCommand())) {
            session.write(new DefaultFtpReply(FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS,
                    "HOST must be sent before logging in."));
            return;
        }
        next.messageReceived(session, message);
    }

    /** Answers and closes for HTTP and for too many unknown commands; answers 500 to an unknown one. */
    private boolean hostileBeforeLogin(IoSession session, String command) {
        if (HTTP_VERBS.contains(command)) {
            LOG.infof("%s: HTTP request on the FTP port, closing, reason=%s",
                    session.getAttribute(FtpSessions.GATEWAY_SESSION), Reason.BAD_REQUEST.code());
            audit.refused(session, Reason.BAD_REQUEST, "http-request");
            close(session, "This is an FTP server, not a web server: closing the connection.");
            return true;
        }
        if (knownCommand.test(command)) {
            return false;
        }
        int unknown = (Integer) session.getAttribute(UNKNOWN_COUNT, 0) + 1;
        session.setAttribute(UNKNOWN_COUNT, unknown);
        if (unknown > MAX_UNKNOWN_BEFORE_LOGIN) {
            LOG.infof("%s: %d unknown commands before login, closing, reason=%s",
                    session.getAttribute(FtpSessions.GATEWAY_SESSION), unknown, Reason.BAD_REQUEST.code());
            audit.refused(session, Reason.BAD_REQUEST, "unknown-commands");
            close(session, "Too many unknown commands: closing the connection.");
        } else {
            // the command is not echoed: it is client input and may hold control characters
            session.write(new DefaultFtpReply(FtpReply.REPLY_500_SYNTAX_ERROR_COMMAND_UNRECOGNIZED,
                    "Unknown command."));
        }
        return true;
    }

    private static void close(IoSession session, String text) {
        session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION, text));
        session.closeOnFlush();
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        if (cause instanceof RecoverableProtocolDecoderException && !(cause.getCause() instanceof
                CharacterCodingException)) {
            // the line decoder dropped a line over its limit; the library would close without a word
            LOG.infof("%s: command line over %d bytes, closing, reason=%s",
                    session.getAttribute(FtpSessions.GATEWAY_SESSION), MAX_LINE_LENGTH, Reason.BAD_REQUEST.code());
            audit.refused(session, Reason.BAD_REQUEST, "line-too-long");
            session.write(new DefaultFtpReply(FtpReply.REPLY_500_SYNTAX_ERROR_COMMAND_UNRECOGNIZED,
                    "Command line too long: at most " + MAX_LINE_LENGTH + " bytes. Closing the connection."));
            session.closeOnFlush();
            return;
        }
        if (session.containsAttribute(TLS_FAILED)) {
            return; // the rejected writes of a session whose handshake failed (e.g. its greeting)
        }
        if (cause instanceof org.apache.mina.core.write.WriteException) {
            // the client left before its reply (a TLS probe that closes after the handshake): nothing to report
            LOG.debugf("%s: client gone before a reply: %s", session.getAttribute(FtpSessions.GATEWAY_SESSION), cause);
            session.closeNow();
            return;
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            // a failed handshake (refused ALPN or SNI, old protocol, scanner): no session to keep; the library
            // would log an error and wait 10 s for the close on the session's command thread
            if (session.setAttributeIfAbsent(TLS_FAILED, Boolean.TRUE) == null) {
                LOG.infof("%s: TLS handshake failed: %s, reason=%s",
                        session.getAttribute(FtpSessions.GATEWAY_SESSION), cause.getMessage(), Reason.BAD_REQUEST.code());
                audit.refused(session, Reason.BAD_REQUEST, "tls-handshake");
            }
            // MINA 2.2's SslFilter turns a close into close_notify first, which never completes on a failed engine,
            // and does not pass the session's closing on: close the socket and tell the library ourselves
            if (session instanceof AbstractIoSession s) {
                s.getProcessor().remove(s);
            } else {
                session.closeNow();
            }
            session.setAttribute(CLOSE_DELIVERED, Boolean.TRUE);
            next.sessionClosed(session);
            return;
        }
        next.exceptionCaught(session, cause);
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request.getMessage() instanceof FtpReply reply
                && reply.getCode() == FtpReply.REPLY_425_CANT_OPEN_DATA_CONNECTION
                && session.removeAttribute(dev.wharf.ftp.data.DataConnections.REFUSAL_REPLY) instanceof String why) {
            // the data connection told why it was refused; the library's transfer commands only say 425
            request.setMessage(new DefaultFtpReply(reply.getCode(), why));
        }
        // library replies echo client input ({request.arg}, {output.msg}); keep its control characters out
        if (request.getMessage() instanceof FtpReply reply && reply.getMessage() != null
                && !SafeText.isSafe(reply.getMessage())) {
            request.setMessage(new DefaultFtpReply(reply.getCode(), SafeText.of(reply.getMessage())));
        }
        next.filterWrite(session, request);
    }

    private DefaultFtpReply host(IoSession session, String argument) {
        if (session.containsAttribute(LIBRARY_USER_ARGUMENT)) {
            return new DefaultFtpReply(FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS, "HOST must be sent before USER.");
        }
        String host = argument == null ? "" : argument.trim();
        if (host.isEmpty()) {
            return new DefaultFtpReply(FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS,
                    "HOST needs a host name, e.g. HOST acme.files.example.com.");
        }
        if (ADDRESS_LITERAL.matcher(host).matches()) {
            // RFC 7151 lets clients send the address they connected to: no site named, the usual rules apply
            session.removeAttribute(HOST_NAME);
            return new DefaultFtpReply(FtpReply.REPLY_220_SERVICE_READY, "Host accepted: no site selected.");
        }
        if (host.length() > 253 || !HOST_NAME_SYNTAX.matcher(host).matches()) {
            // never echo the argument: it may hold control characters or be very long
            return new DefaultFtpReply(FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS,
                    "Invalid host name.");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (tenants.tenantOfHost(name) == null) {
            LOG.infof("%s: HOST names no site, reason=unknown_tenant", session.getAttribute(FtpSessions.GATEWAY_SESSION));
            return new DefaultFtpReply(FtpReply.REPLY_504_COMMAND_NOT_IMPLEMENTED_FOR_THAT_PARAMETER,
                    "Unknown host " + name + ": no site is served under this name.");
        }
        session.setAttribute(HOST_NAME, name);
        return new DefaultFtpReply(FtpReply.REPLY_220_SERVICE_READY, "Host " + name + " accepted.");
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (session.containsAttribute(CLOSE_DELIVERED)) {
            return; // delivered already, after a failed handshake
        }
        next.sessionClosed(session);
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) {
        long idleMillis = session.getConfig().getBothIdleTimeInMillis();
        long quietFor = System.currentTimeMillis() - session.getLastIoTime();
        if (idleMillis > 0 && quietFor < idleMillis) {
            // queued behind a transfer that has since ended (events are ordered per session): not idle any more
            return;
        }
        LOG.infof("%s: idle for %d s, closing", session.getAttribute(FtpSessions.GATEWAY_SESSION), quietFor / 1000);
        session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                "Idle timeout: closing the connection. Send NOOP to keep a session open."));
        session.closeOnFlush();
    }
}
