package dev.wharf.ftp.data;

import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.ServerDataConnectionFactory;

/**
 * Puts a {@link WharfDataConnectionFactory} into a session. {@code FtpIoSession.getDataConnection()} creates the
 * library's factory on first use and keeps it in this attribute; there is no other hook, so the key is the library's
 * (internal, checked by {@code DataConnectionsTest}).
 */
public final class DataConnections {
    static final String LIBRARY_ATTRIBUTE = "org.apache.ftpserver.data-connection";
    /** Session attribute: EPSV ALL was sent, only EPSV may set up data connections from now on (RFC 2428). */
    public static final String EPSV_ALL = "dev.wharf.ftp.epsv-all";
    /**
     * Session attribute: the text of the next 425 reply, set when a data connection was refused for a reason the
     * library's transfer commands cannot tell (they answer a generic 425); the control filter puts it in.
     */
    public static final String REFUSAL_REPLY = "dev.wharf.ftp.data-refusal-reply";

    private DataConnections() {
    }

    /** The session's data-connection factory, ours; the library's is replaced, keeping its PROT and MODE state. */
    public static WharfDataConnectionFactory of(FtpIoSession session, FtpServerContext context, DataSettings settings) {
        Object current = session.getAttribute(LIBRARY_ATTRIBUTE);
        if (current instanceof WharfDataConnectionFactory ours) {
            return ours;
        }
        WharfDataConnectionFactory ours = new WharfDataConnectionFactory(context, session, settings);
        if (current instanceof ServerDataConnectionFactory library) {
            ours.setSecure(library.isSecure());
            if (library instanceof org.apache.ftpserver.impl.IODataConnectionFactory io) {
                ours.setZipMode(io.isZipMode());
            }
            library.closeDataConnection();
        }
        session.setAttribute(LIBRARY_ATTRIBUTE, ours);
        return ours;
    }

    /** Closes the session's data connection, if ours, from any thread: a transfer in progress on it fails now. */
    public static void cut(FtpIoSession session) {
        if (session.getAttribute(LIBRARY_ATTRIBUTE) instanceof WharfDataConnectionFactory ours) {
            ours.closeDataConnection();
        }
    }

    public static boolean epsvAll(FtpIoSession session) {
        return session.containsAttribute(EPSV_ALL);
    }
}
