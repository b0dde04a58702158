package dev.wharf.ftp.session;

import org.apache.mina.core.session.IoSession;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The real client address of a control connection: the PROXY protocol header's source when a trusted balancer sent
 * one, else the TCP peer. Every policy decision, log line, audit event, cap and data-connection check uses it; the
 * library's own code still sees the TCP peer.
 */
public final class ClientAddress {
    /** Session attribute holding the client's {@link InetSocketAddress} from a PROXY header. */
    public static final String ATTRIBUTE = "dev.wharf.ftp.client-address";

    private ClientAddress() {
    }

    public static InetSocketAddress of(IoSession session) {
        if (session.getAttribute(ATTRIBUTE) instanceof InetSocketAddress proxied) {
            return proxied;
        }
        return session.getRemoteAddress() instanceof InetSocketAddress peer ? peer : null;
    }

    public static InetAddress addressOf(IoSession session) {
        InetSocketAddress a = of(session);
        return a == null ? null : a.getAddress();
    }

    /** The address as text for logs, policy and caps ({@code "unknown"} for a session without an IP peer). */
    public static String textOf(IoSession session) {
        InetAddress a = addressOf(session);
        return a == null ? "unknown" : a.getHostAddress();
    }
}
