package dev.wharf.sftp.proxy;

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
import java.util.List;

/**
 * Reads a PROXY protocol header (v1 or v2) at the start of a connection from a trusted balancer and makes its
 * source the session's client address (policy, session, logs, audit and per-address limits all use it); its
 * destination is kept for tenant resolution. Unlike sshd-contrib's prototype it believes headers only from
 * {@code trusted} ranges, closes a trusted peer's connection without a header when one is {@code required}, and
 * waits for the rest of a header split across reads.
 *
 * <p>SSHD calls this again for every read until the client's identification line is complete, each time from the
 * start of the connection's bytes, so the header is parsed again and skipped each time (cheap: at most 2 KiB).
 */
public final class ProxyProtocolAcceptor implements ServerProxyAcceptor {
    private static final Logger LOG = Logger.getLogger(ProxyProtocolAcceptor.class);
    private static final AttributeRepository.AttributeKey<InetSocketAddress> DESTINATION =
            new AttributeRepository.AttributeKey<>();
    private static final AttributeRepository.AttributeKey<Boolean> HEADER_SEEN = new AttributeRepository.AttributeKey<>();

    private final List<Cidr> trusted;
    private final boolean required;

    /** @param trusted balancer ranges whose headers are believed (empty: none are); @param required see class doc */
    public ProxyProtocolAcceptor(List<Cidr> trusted, boolean required) {
        this.trusted = List.copyOf(trusted);
        this.required = required;
    }

    /** The address the client connected to as the PROXY header gave it, or null (no header, LOCAL, v1 UNKNOWN). */
    public static InetSocketAddress destination(SessionContext session) {
        return session.getAttribute(DESTINATION);
    }

    @Override
    public boolean acceptServerProxyMetadata(ServerSession session, Buffer buffer) throws Exception {
        ProxyHeader.Result result;
        SocketAddress peer = session.getIoSession().getRemoteAddress();
        try {
            result = ProxyHeader.parse(buffer.array(), buffer.rpos(), buffer.available());
        } catch (ProxyHeader.InvalidHeaderException e) {
            throw refuse(peer, "invalid PROXY header: " + e.getMessage());
        }
        boolean fromTrusted = isTrusted(peer);
        return switch (result) {
            case ProxyHeader.Incomplete i -> false;
            case ProxyHeader.Absent a -> {
                if (fromTrusted && required) {
                    throw refuse(peer, "no PROXY header from a trusted balancer (wharf.sftp.proxy-protocol.required)");
                }
                yield true;
            }
            case ProxyHeader.Complete c -> {
                if (!fromTrusted) {
                    throw refuse(peer, "PROXY header from an address outside wharf.sftp.proxy-protocol.trusted-cidrs");
                }
                buffer.rpos(buffer.rpos() + c.header().length());
                if (session.getAttribute(HEADER_SEEN) == null) {
                    session.setAttribute(HEADER_SEEN, Boolean.TRUE);
                    apply(session, c.header(), peer);
                }
                yield true;
            }
        };
    }

    private static void apply(ServerSession session, ProxyHeader header, SocketAddress peer) {
        if (header.local()) {
            LOG.debugf("PROXY header from %s: LOCAL (the balancer's own connection)", peer);
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

    private boolean isTrusted(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress a) || a.getAddress() == null) {
            return false;
        }
        for (Cidr c : trusted) {
            if (c.contains(a.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private static SshException refuse(SocketAddress peer, String why) {
        LOG.warnf("connection from %s closed: %s", peer, why);
        return new SshException(why);
    }
}
