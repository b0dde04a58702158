package dev.wharf.ftp.data;

import dev.wharf.edge.proxy.ProxyHeader;
import dev.wharf.edge.proxy.ProxyHeaderDecoder;
import dev.wharf.ftp.session.ClientAddress;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.DataConnectionException;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.IODataConnectionFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.jboss.logging.Logger;

import dev.wharf.edge.proxy.ProxyHeader;
import dev.wharf.edge.proxy.ProxyHeaderDecoder;
import dev.wharf.core.Reason;
import dev.wharf.ftp.tls.TlsSessionReuse;
import org.apache.mina.filter.ssl.SslFilter;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The data connections of one FTP session, replacing the library's factory (which it subclasses only so that the
 * library's transfer commands accept it). Differences: a passive data connection from a trusted balancer starts with
 * a PROXY header, read from the plain socket before TLS; the address check compares real client addresses on both
 * connections; a passive port waits {@code data-timeout} for the client, not the idle timeout; a TLS data connection
 * must resume the control connection's TLS session ({@code require-tls-session-reuse}).
 */
public final class WharfDataConnectionFactory extends IODataConnectionFactory {
    private static final Logger LOG = Logger.getLogger(WharfDataConnectionFactory.class);
    /** The 425 text of a data connection refused for not resuming the control connection's TLS session. */
    static final String TLS_REUSE_REQUIRED = "TLS session reuse required: the data connection must resume the "
            + "control connection's TLS session (enable TLS session reuse/resumption in your FTP client).";

    /** Ports of the slice a PASV tries to bind before it gives up (each taken by another process on our address). */
    private static final int MAX_BIND_ATTEMPTS = 16;

    private final FtpIoSession session;
    private final DataSettings settings;
    private ServerSocket listening;
    /** A port taken by {@link #reservePassivePort()} for the PASV/EPSV that follows; -1 = none. */
    private int heldPort = -1;
    private Socket connected;
    private InetAddress address;
    private int port;
    private int reservedPort = -1;
    private boolean counted;
    private boolean passive;
    private InetAddress controlLocalAddress;

    public WharfDataConnectionFactory(FtpServerContext context, FtpIoSession session, DataSettings settings) {
        super(context, session);
        this.session = session;
        this.settings = settings;
        this.controlLocalAddress = ((InetSocketAddress) session.getLocalAddress()).getAddress();
    }

    @Override
    public synchronized void closeDataConnection() {
        if (heldPort != -1) {
            session.getListener().getDataConnectionConfiguration().releasePassivePort(heldPort);
            heldPort = -1;
        }
        if (counted) {
            counted = false;
            settings.transfers().ended();
        }
        if (connected != null) {
            closeQuietly(connected);
            connected = null;
        }
        if (listening != null) {
            closeQuietly(listening);
            if (reservedPort != -1) {
                session.getListener().getDataConnectionConfiguration().releasePassivePort(reservedPort);
                reservedPort = -1;
            }
            listening = null;
        }
    }

    @Override
    public synchronized void initActiveDataConnection(InetSocketAddress target) {
        closeDataConnection();
        passive = false;
        address = target.getAddress();
        port = target.getPort();
    }

    /**
     * Takes a port of this replica's passive slice for the PASV/EPSV being answered, so that running out is known
     * before the library formats its reply (it would answer a generic 425); false when the slice is exhausted.
     */
    public synchronized boolean reservePassivePort() {
        closeDataConnection();
        heldPort = session.getListener().getDataConnectionConfiguration().requestPassivePort();
        return heldPort != -1;
    }

    @Override
    public synchronized InetSocketAddress initPassiveDataConnection() throws DataConnectionException {
        int held = heldPort;
        heldPort = -1;
        closeDataConnection();
        DataConnectionConfiguration config = session.getListener().getDataConnectionConfiguration();
        int passivePort = held != -1 ? held : config.requestPassivePort();
        if (passivePort == -1) {
            throw new DataConnectionException("no passive port is free");
        }
        try {
            // bound to the address the client (or its balancer) reached; the advertised one is PASV's business
            reservedPort = bindPassive(config, passivePort);
            listening.setSoTimeout(millis(settings.dataTimeout()));
            port = listening.getLocalPort();
            address = controlLocalAddress;
            passive = true;
            return new InetSocketAddress(address, port);
        } catch (IOException e) {
            // bindPassive gave back the ports it could not bind; a bound one goes back here
            closeDataConnection();
            throw new DataConnectionException("cannot open a passive port: " + e.getMessage(), e);
        }
    }

    /**
     * Binds {@code first} on the control connection's local address, or else the next free port of the slice when
     * another process holds it there (the pool does not probe ports itself: see FtpGateway). Returns the port bound;
     * the ports found taken go back to the pool, so one of them does not use up the slice for good. On failure every
     * port it tried, {@code first} included, is back in the pool.
     */
    private int bindPassive(DataConnectionConfiguration config, int first) throws IOException {
        java.util.List<Integer> taken = new java.util.ArrayList<>();
        int candidate = first;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    listening = new ServerSocket(candidate, 1, controlLocalAddress);
                    return candidate;
                } catch (java.net.BindException e) {
                    taken.add(candidate);
                    candidate = attempt < MAX_BIND_ATTEMPTS ? config.requestPassivePort() : -1;
                    if (candidate == -1) {
                        throw e;
                    }
                }
            }
        } finally {
            taken.forEach(config::releasePassivePort);
        }
    }

    @Override
    public synchronized InetAddress getInetAddress() {
        return address;
    }

    @Override
    public synchronized int getPort() {
        return port;
    }

    @Override
    public synchronized void setServerControlAddress(InetAddress serverControlAddress) {
        this.controlLocalAddress = serverControlAddress;
    }

    @Override
    public synchronized boolean isTimeout(long now) {
        return false; // the passive accept has its own timeout (data-timeout)
    }

    @Override
    public void dispose() {
        closeDataConnection();
    }

    @Override
    public DataConnection openConnection() throws Exception {
        Socket socket;
        try {
            socket = passive ? acceptPassive() : connectActive();
        } catch (Exception e) {
            closeDataConnection();
            throw e;
        }
        synchronized (this) {
            if (!counted) {
                counted = true;
                settings.transfers().started();
            }
        }
        return new WharfDataConnection(socket, isZipMode(), session::updateLastAccessTime, this::closeDataConnection);
    }

    private Socket acceptPassive() throws IOException {
        ServerSocket server;
        synchronized (this) {
            server = listening;
        }
        if (server == null) {
            throw new IOException("no passive port is open: send PASV or EPSV first");
        }
        Socket raw;
        try {
            // not under the lock: ABOR or a disconnect closes the port to end a waiting accept
            raw = server.accept();
        } catch (SocketTimeoutException e) {
            LOG.infof("%s: no data connection within %s", FtpSessions.of(session), settings.dataTimeout());
            throw new IOException("the client did not open the data connection within " + settings.dataTimeout(), e);
        }
        synchronized (this) {
            connected = raw;
        }
        InetAddress client = raw.getInetAddress();
        if (settings.proxy().enabled() && settings.proxy().trusts(client)) {
            InetSocketAddress proxied = readProxyHeader(raw);
            if (proxied != null) {
                client = proxied.getAddress();
            }
        }
        InetAddress expected = ClientAddress.addressOf(session);
        if (settings.passiveIpCheck() && !client.equals(expected)) {
            LOG.warnf("%s: data connection from %s refused: the control connection's client is %s",
                    FtpSessions.of(session), client.getHostAddress(), expected == null ? "?" : expected.getHostAddress());
            throw new IOException("data connection from another address than the control connection's");
        }
        return secure(raw, false);
    }

    private synchronized Socket connectActive() throws IOException {
        if (address == null) {
            throw new IOException("no data connection was set up: send PASV, EPSV, PORT or EPRT first");
        }
        Socket raw = new Socket();
        connected = raw;
        raw.setReuseAddress(true);
        raw.bind(new InetSocketAddress(controlLocalAddress, 0));
        raw.connect(new InetSocketAddress(address, port), millis(settings.dataTimeout()));
        return secure(raw, true);
    }

    /** Reads a PROXY header from a trusted balancer byte by byte, so no byte after it (TLS, data) is consumed. */
    private InetSocketAddress readProxyHeader(Socket raw) throws IOException {
        raw.setSoTimeout(millis(settings.proxy().headerTimeout()));
        InputStream in = raw.getInputStream();
        byte[] bytes = new byte[64];
        int length = 0;
        try {
            for (int i = 0; i < 16 + ProxyHeaderDecoder.V2_MAX_PAYLOAD + 1; i++) {
                ProxyHeaderDecoder.Result result = ProxyHeaderDecoder.decode(bytes, length);
                switch (result) {
                    case ProxyHeaderDecoder.Decoded d -> {
                        ProxyHeader header = d.header();
                        return header.source(); // null: LOCAL or UNKNOWN, the socket's peer is checked
                    }
                    case ProxyHeaderDecoder.NeedMore more -> {
                        if (more.atLeast() > bytes.length) {
                            bytes = Arrays.copyOf(bytes, more.atLeast());
                        }
                        int want = length < 16 ? 1 : more.atLeast() - length;
                        int n = in.readNBytes(bytes, length, want);
                        if (n < want) {
                            throw new IOException("data connection closed inside its PROXY header");
                        }
                        length += n;
                    }
                    case ProxyHeaderDecoder.Absent none ->
                            throw new IOException("data connection from a trusted proxy without PROXY header");
                    case ProxyHeaderDecoder.Invalid invalid ->
                            throw new IOException("bad PROXY header on a data connection: " + invalid.why());
                }
            }
            throw new IOException("PROXY header too long");
        } catch (SocketTimeoutException e) {
            throw new IOException("no PROXY header on the data connection within "
                    + settings.proxy().headerTimeout(), e);
        }
    }

    private Socket secure(Socket raw, boolean active) throws IOException {
        raw.setSoTimeout(millis(settings.idleTimeout()));
        // the transfer's last record and TLS's close_notify are small writes: with Nagle they wait for the
        // client's delayed ACK (40 ms on Linux) before the client sees the end of a small file
        raw.setTcpNoDelay(true);
        if (!isSecure()) {
            return raw;
        }
        SslConfiguration ssl = settings.ssl();
        SSLSocket tls;
        try {
            tls = (SSLSocket) ssl.getSocketFactory().createSocket(raw, raw.getInetAddress().getHostAddress(),
                    raw.getPort(), true);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("data connection TLS is not available: " + e.getMessage(), e);
        }
        tls.setUseClientMode(false);
        tls.setEnabledCipherSuites(ssl.getEnabledCipherSuites());
        tls.setEnabledProtocols(ssl.getEnabledProtocols());
        synchronized (this) {
            connected = tls;
        }
        // handshake now: an empty listing would otherwise send no TLS at all
        tls.startHandshake();
        if (settings.requireTlsSessionReuse()) {
            requireReuse(tls);
        }
        return tls;
    }

    private void requireReuse(SSLSocket tls) throws IOException {
        SSLSession control = session.getAttribute(SslFilter.SSL_SECURED) instanceof SSLSession s ? s : null;
        SSLSession data = tls.getSession();
        if (TlsSessionReuse.resumes(control, data)) {
            return;
        }
        LOG.infof("%s: data connection refused, reason=%s: its TLS session (%s) does not resume the control "
                        + "connection's (%s)", FtpSessions.of(session), Reason.PERMISSION_DENIED.code(),
                TlsSessionReuse.describe(data), TlsSessionReuse.describe(control));
        settings.refusals().refused(session, Reason.PERMISSION_DENIED, "data-connection-tls-reuse");
        session.setAttribute(DataConnections.REFUSAL_REPLY, TLS_REUSE_REQUIRED);
        throw new IOException("the data connection's TLS session does not resume the control connection's");
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.toMillis()));
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debugf("closing a data socket: %s", e);
        }
    }
}
