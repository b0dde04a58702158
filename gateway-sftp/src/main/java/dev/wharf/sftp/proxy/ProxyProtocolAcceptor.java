package dev.wharf.sftp.proxy;

import dev.wharf.edge.Refusal;
import dev.wharf.edge.proxy.ProxyHeader;
import dev.wharf.edge.proxy.ProxyHeaderDecoder;
import dev.wharf.edge.proxy.TrustedProxies;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.AbstractServerSession;
import org.apache.sshd.server.session.ServerProxyAcceptor;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * SSHD's glue to wharf-edge's PROXY protocol decoder and verdicts: makes a trusted header's source the session's
 * client address (policy, session, logs, audit and per-address limits all use it) and keeps its destination for
 * tenant resolution; a refused connection is closed by the exception SSHD expects.
 *
 * <p>SSHD calls this again for every read until the client's identification line is complete, each time from the
 * start of the connection's bytes, so the header is decoded again and skipped each time (cheap: at most 4 KiB).
 */
public final class ProxyProtocolAcceptor implements ServerProxyAcceptor {
    private static final Logger LOG = Logger.getLogger(ProxyProtocolAcceptor.class);
    private static final AttributeRepository.AttributeKey<InetSocketAddress> DESTINATION =
            new AttributeRepository.AttributeKey<>();
    private static final AttributeRepository.AttributeKey<Boolean> HEADER_SEEN = new AttributeRepository.AttributeKey<>();

    private final TrustedProxies trusted;

    /** @param trusted balancer ranges whose headers are believed (none: every header is refused) */
    public ProxyProtocolAcceptor(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /** The address the client connected to as the PROXY header gave it, or null (no header, LOCAL, v1 UNKNOWN). */
    public static InetSocketAddress destination(SessionContext session) {
        return session.getAttribute(DESTINATION);
    }

    @Override
    public boolean acceptServerProxyMetadata(ServerSession session, Buffer buffer) throws Exception {
        SocketAddress peer = session.getIoSession().getRemoteAddress();
        ProxyHeaderDecoder.Result result = ProxyHeaderDecoder.decode(buffer.array(), buffer.rpos(), buffer.available());
        TrustedProxies.Verdict verdict = trusted.judge(trusted.trusts(peer), result);
        return switch (verdict) {
            case WAIT -> false;
            case SERVE_PEER -> true;
            case REFUSE_MISSING, REFUSE_UNTRUSTED, REFUSE_INVALID -> throw refuse(peer,
                    TrustedProxies.refusal(verdict, result));
            case SERVE_CLIENT, SERVE_PEER_AFTER_HEADER, HEALTH_PROBE -> {
                ProxyHeader header = ((ProxyHeaderDecoder.Decoded) result).header();
                buffer.rpos(buffer.rpos() + header.length());
                if (session.getAttribute(HEADER_SEEN) == null) {
                    session.setAttribute(HEADER_SEEN, Boolean.TRUE);
                    apply(session, header, peer);
                }
                yield true;
            }
        };
    }

    private static void apply(ServerSession session, ProxyHeader header, SocketAddress peer) {
        if (header.source() == null) {
            // a balancer's own probe: it closes before the identification line, leaving no session behind
            LOG.debugf("PROXY header from %s without a client (LOCAL or UNKNOWN)", peer);
            return;
        }
        if (session instanceof AbstractServerSession s) {
            s.setClientAddress(header.source());
        }
        if (header.destination() != null) {
            session.setAttribute(DESTINATION, header.destination());
        }
        LOG.debugf("PROXY header from %s: client %s, destination %s", peer, header.source(), header.destination());
    }

    private static SshException refuse(SocketAddress peer, Refusal refusal) {
        // the key names help the operator; the client is sent nothing (its identification line never came)
        LOG.warnf("connection from %s closed: %s (wharf.sftp.proxy-protocol.*), reason=%s", peer, refusal.message(),
                refusal.reason().code());
        return new SshException(refusal.message());
    }
}
