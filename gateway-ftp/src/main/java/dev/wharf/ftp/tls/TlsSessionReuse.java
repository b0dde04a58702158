package dev.wharf.ftp.tls;

import javax.net.ssl.SSLSession;
import java.util.Arrays;
import java.util.Objects;

/**
 * Whether a data connection's TLS session resumed its control connection's session (FileZilla-style session reuse,
 * which keeps another client from taking over a passive port: it would need the control connection's secrets).
 *
 * <p>JSSE shows resumption in two ways. TLS 1.2 by session id: the data connection's session is the control
 * connection's own session object (same id). A stateless ticket (TLS 1.3 PSK, TLS 1.2 RFC 5077, JSSE's default):
 * the session is rebuilt from the ticket, which JSSE encrypts with its own key and which carries the original
 * session's creation time and peer address and port; values bound with {@code putValue} are not carried. A data
 * connection with a full handshake gets a new creation time and its own peer port, so matching those three (and
 * the protocol and suite) identifies a ticket issued on this control connection and no other.
 */
public final class TlsSessionReuse {
    private TlsSessionReuse() {
    }

    /** Whether {@code data} is a resumption of {@code control}. */
    public static boolean resumes(SSLSession control, SSLSession data) {
        if (control == null || data == null) {
            return false;
        }
        if (control == data) {
            return true;
        }
        byte[] id = control.getId();
        if (id != null && id.length > 0 && Arrays.equals(id, data.getId())
                && control.getCreationTime() == data.getCreationTime()) {
            return true;
        }
        return control.getCreationTime() == data.getCreationTime()
                && Objects.equals(control.getProtocol(), data.getProtocol())
                && Objects.equals(control.getCipherSuite(), data.getCipherSuite())
                && control.getPeerHost() != null && Objects.equals(control.getPeerHost(), data.getPeerHost())
                && control.getPeerPort() > 0 && control.getPeerPort() == data.getPeerPort();
    }

    /** A short description for log lines (no secrets): protocol, creation time, peer port. */
    public static String describe(SSLSession s) {
        return s == null ? "none" : s.getProtocol() + "/created=" + s.getCreationTime() + "/peer=" + s.getPeerHost()
                + ":" + s.getPeerPort();
    }
}
