package dev.wharf.ftp.proxy;

import dev.wharf.edge.Refusal;
import dev.wharf.edge.proxy.ProxyHeader;
import dev.wharf.edge.proxy.ProxyHeaderDecoder;
import dev.wharf.edge.proxy.ProxyHeaderReader;
import dev.wharf.edge.proxy.TrustedProxies;
import dev.wharf.ftp.session.ClientAddress;
import dev.wharf.ftp.session.RefusalAudit;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * MINA's glue to wharf-edge's PROXY protocol reader and verdicts. Reads the PROXY protocol header (v1 or v2) of a control connection from a trusted balancer, first in the chain
 * (before TLS on implicit ports). The session's opening is held back until the header arrived, so that the caps,
 * policy's connect check, the greeting and the audit trail all see the real client address.
 *
 * <p>A trusted peer without a header is closed when a header is required (else it is served under its own address
 * after {@code headerTimeout}); a v2 {@code LOCAL} header (a balancer's health probe) gets a bare {@code 220} on
 * explicit ports and is closed, quietly: the library never sees such connections open. A header from an untrusted
 * peer is refused with {@code 421}, logged and audited.
 */
public final class ProxyProtocolFilter extends IoFilterAdapter {
    private static final Logger LOG = Logger.getLogger(ProxyProtocolFilter.class);
    private static final String STATE = "dev.wharf.ftp.proxy-state";
    private static final String TIMER = "dev.wharf.ftp.proxy-timer";

    private final TrustedProxies settings;
    private final boolean implicitTls;
    private final ScheduledExecutorService timers;
    private final RefusalAudit audit;

    /** Per-session progress: bytes received so far while the first bytes are undecided. */
    private static final class State {
        final boolean trusted;
        final ProxyHeaderReader reader = new ProxyHeaderReader();
        boolean decided;
        boolean opened;

        State(boolean trusted) {
            this.trusted = trusted;
        }

        ProxyHeaderDecoder.Result append(IoBuffer buffer) {
            byte[] read = new byte[buffer.remaining()];
            buffer.get(read);
            return reader.feed(read, 0, read.length);
        }
    }

    public ProxyProtocolFilter(TrustedProxies settings, boolean implicitTls, ScheduledExecutorService timers,
                               RefusalAudit audit) {
        this.settings = settings;
        this.implicitTls = implicitTls;
        this.timers = timers;
        this.audit = audit;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        InetSocketAddress peer = (InetSocketAddress) session.getRemoteAddress();
        State state = new State(settings.trusts(peer.getAddress()));
        session.setAttribute(STATE, state);
        if (!state.trusted) {
            // an untrusted peer is served as it is; its first bytes are only checked for a forged header
            state.opened = true;
            next.sessionOpened(session);
            return;
        }
        ScheduledFuture<?> timer = timers.schedule(() -> headerTimedOut(next, session),
                settings.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        session.setAttribute(TIMER, timer);
    }

    private void headerTimedOut(NextFilter next, IoSession session) {
        State state = (State) session.getAttribute(STATE);
        if (state == null) {
            return;
        }
        synchronized (state) {
            if (state.decided || !session.isConnected()) {
                return;
            }
            if (settings.required()) {
                // a balancer's TCP health probe looks like this: quiet
                LOG.debugf("no PROXY header from %s within %s, closing", session.getRemoteAddress(),
                        settings.headerTimeout());
                state.decided = true;
                session.closeNow();
                return;
            }
            release(next, session, state, 0, null);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        State state = (State) session.getAttribute(STATE);
        if (state == null || state.decided || !(message instanceof IoBuffer buffer)) {
            next.messageReceived(session, message);
            return;
        }
        synchronized (state) {
            if (state.decided) {
                next.messageReceived(session, message);
                return;
            }
            ProxyHeaderDecoder.Result result = state.append(buffer);
            if (state.trusted) {
                onTrustedBytes(next, session, state, result);
            } else {
                onUntrustedBytes(next, session, state);
            }
        }
    }

    private void onTrustedBytes(NextFilter next, IoSession session, State state, ProxyHeaderDecoder.Result result) {
        switch (settings.judge(true, result)) {
            case WAIT -> {
                // a header split across TCP reads: wait for the rest
            }
            case HEALTH_PROBE -> {
                // the balancer's own connection (health probe): answer like an FTP server, never open a session
                state.decided = true;
                cancelTimer(session);
                LOG.debugf("PROXY LOCAL from %s: health probe", session.getRemoteAddress());
                if (!implicitTls) {
                    session.write(new DefaultFtpReply(FtpReply.REPLY_220_SERVICE_READY, "Health check OK."));
                }
                session.closeOnFlush();
            }
            case SERVE_CLIENT, SERVE_PEER_AFTER_HEADER -> {
                ProxyHeader header = ((ProxyHeaderDecoder.Decoded) result).header();
                release(next, session, state, header.length(), header.source());
            }
            case SERVE_PEER -> release(next, session, state, 0, null);
            case REFUSE_MISSING, REFUSE_INVALID, REFUSE_UNTRUSTED ->
                    refuseTrusted(session, state, TrustedProxies.refusal(settings.judge(true, result), result));
        }
    }

    /** A balancer's connection gone wrong: closed without a word, as the balancer would not relay one. */
    private void refuseTrusted(IoSession session, State state, Refusal refusal) {
        state.decided = true;
        cancelTimer(session);
        LOG.infof("connection from trusted proxy %s closed: %s reason=%s", session.getRemoteAddress(),
                refusal.message(), refusal.reason().code());
        session.closeNow();
    }

    /** Opens the session towards the library under the client's address and passes on the bytes after the header. */
    private void release(NextFilter next, IoSession session, State state, int headerLength,
                         InetSocketAddress client) {
        state.decided = true;
        cancelTimer(session);
        if (client != null) {
            session.setAttribute(ClientAddress.ATTRIBUTE, client);
        }
        byte[] rest = state.reader.rest(headerLength);
        state.opened = true;
        next.sessionOpened(session);
        if (rest.length > 0) {
            next.messageReceived(session, IoBuffer.wrap(rest));
        }
    }

    private void onUntrustedBytes(NextFilter next, IoSession session, State state) {
        if (state.reader.startsLikeHeader()) {
            if (!state.reader.signatureComplete()) {
                return; // could still be a header: keep the few bytes until it is clear
            }
            state.decided = true;
            // decided on the signature alone, before the whole header: the same refusal as a complete one
            Refusal refusal = TrustedProxies.refusal(TrustedProxies.Verdict.REFUSE_UNTRUSTED, null);
            LOG.warnf("connection from %s refused: %s reason=%s", ClientAddress.textOf(session), refusal.message(),
                    refusal.reason().code());
            audit.refused(session, refusal.reason(), refusal.stage().code());
            if (!implicitTls) {
                // written from the I/O thread: it may overtake the greeting, which then is not sent
                session.write(new DefaultFtpReply(
                        FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                        refusal.message() + " Closing the connection."));
            }
            session.closeOnFlush();
            return;
        }
        state.decided = true;
        next.messageReceived(session, IoBuffer.wrap(state.reader.rest(0)));
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
        if (session.getAttribute(STATE) instanceof State state && !state.opened) {
            return; // the header timer decides
        }
        next.sessionIdle(session, status);
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        if (session.getAttribute(STATE) instanceof State state && !state.opened) {
            LOG.debugf("connection from %s failed before its PROXY header: %s", session.getRemoteAddress(), cause);
            session.closeNow();
            return;
        }
        next.exceptionCaught(session, cause);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        cancelTimer(session);
        next.sessionClosed(session);
    }

    private static void cancelTimer(IoSession session) {
        if (session.removeAttribute(TIMER) instanceof ScheduledFuture<?> timer) {
            timer.cancel(false);
        }
    }
}
