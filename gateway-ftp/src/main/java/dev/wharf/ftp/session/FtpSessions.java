package dev.wharf.ftp.session;

import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.impl.FtpIoSession;

/**
 * Where the gateway keeps its {@link GatewaySession} in a MINA FTP session. The library wraps the same MINA session
 * in a new object for every event, so the session attributes are the only place per-session state survives.
 */
public final class FtpSessions {
    /** Session attribute holding the {@link GatewaySession}. */
    public static final String GATEWAY_SESSION = "dev.wharf.ftp.gateway-session";

    /** Session attribute holding the session's span ({@code io.opentelemetry.api.trace.Span}). */
    public static final String SESSION_SPAN = "dev.wharf.ftp.session-span";

    /** Audit source of this gateway. */
    public static final String SOURCE = "/gateway-ftp";

    private FtpSessions() {
    }

    public static GatewaySession of(FtpSession session) {
        return (GatewaySession) session.getAttribute(GATEWAY_SESSION);
    }

    public static GatewaySession of(FtpIoSession session) {
        return (GatewaySession) session.getAttribute(GATEWAY_SESSION);
    }

    /**
     * Marks the session FTPS once its control connection is secured (implicit TLS from the start, explicit after
     * AUTH TLS), so that policy, audit and logs see the protocol actually spoken.
     */
    public static void refreshProtocol(GatewaySession gs, boolean controlSecured) {
        if (controlSecured && gs.protocol() == Protocol.FTP) {
            gs.protocol(Protocol.FTPS);
        }
    }
}
