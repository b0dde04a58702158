package dev.wharf.ftp.tls;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;

/**
 * The plain socket under a data connection's TLS layer: before each read it checks whether the TLS 1.3 handshake
 * has reached the client's second flight and then invalidates the handshake session, so that JSSE (which sends
 * NewSessionTickets after the client's Finished only for a session that is still "rejoinable") sends none.
 *
 * <p>Why: clients never read an upload data connection; a ticket left unread there makes OpenSSL-based clients
 * (curl 7.88 of Debian 12) reset the connection on close and lose the end of the file. JSSE has no per-connection
 * switch for tickets (only the JVM-wide {@code jdk.tls.server.enableSessionTicketExtension} and the context-wide
 * session timeout), and data connections must share the control connections' {@code SSLContext} to resume their
 * sessions. TLS 1.2 is left alone: its ticket is part of the handshake, and its resumed session is the control
 * session itself (invalidating it would end its reuse).
 */
final class TicketlessHandshakeSocket extends Socket {
    private final Socket raw;
    private volatile SSLSocket tls;
    private volatile boolean handshakeDone;

    TicketlessHandshakeSocket(Socket raw) {
        this.raw = raw;
    }

    /** The TLS socket layered on this one, whose handshake session is watched. */
    void watch(SSLSocket layered) {
        this.tls = layered;
    }

    /** Called when the first handshake returned: the tickets would have been sent by then; stop watching. */
    void handshakeDone() {
        handshakeDone = true;
    }

    private void beforeRead() {
        SSLSocket t = tls;
        if (handshakeDone || t == null) {
            return;
        }
        // runs on the handshaking thread, inside startHandshake (JSSE's socket lock is reentrant); checked on every
        // read of the handshake, so a session made after a HelloRetryRequest is caught too
        SSLSession handshake = t.getHandshakeSession();
        if (handshake != null && handshake.isValid() && "TLSv1.3".equals(handshake.getProtocol())) {
            handshake.invalidate();
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new FilterInputStream(raw.getInputStream()) {
            @Override
            public int read() throws IOException {
                beforeRead();
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                beforeRead();
                return in.read(b, off, len);
            }
        };
    }

    // --- plain delegation below ---

    @Override public OutputStream getOutputStream() throws IOException { return raw.getOutputStream(); }
    @Override public void connect(SocketAddress endpoint) throws IOException { raw.connect(endpoint); }
    @Override public void connect(SocketAddress endpoint, int timeout) throws IOException { raw.connect(endpoint, timeout); }
    @Override public void bind(SocketAddress bindpoint) throws IOException { raw.bind(bindpoint); }
    @Override public InetAddress getInetAddress() { return raw.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return raw.getLocalAddress(); }
    @Override public int getPort() { return raw.getPort(); }
    @Override public int getLocalPort() { return raw.getLocalPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return raw.getRemoteSocketAddress(); }
    @Override public SocketAddress getLocalSocketAddress() { return raw.getLocalSocketAddress(); }
    @Override public SocketChannel getChannel() { return raw.getChannel(); }
    @Override public void setTcpNoDelay(boolean on) throws SocketException { raw.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return raw.getTcpNoDelay(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { raw.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return raw.getSoLinger(); }
    @Override public void sendUrgentData(int data) throws IOException { raw.sendUrgentData(data); }
    @Override public void setOOBInline(boolean on) throws SocketException { raw.setOOBInline(on); }
    @Override public boolean getOOBInline() throws SocketException { return raw.getOOBInline(); }
    @Override public void setSoTimeout(int timeout) throws SocketException { raw.setSoTimeout(timeout); }
    @Override public int getSoTimeout() throws SocketException { return raw.getSoTimeout(); }
    @Override public void setSendBufferSize(int size) throws SocketException { raw.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return raw.getSendBufferSize(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { raw.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return raw.getReceiveBufferSize(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { raw.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return raw.getKeepAlive(); }
    @Override public void setTrafficClass(int tc) throws SocketException { raw.setTrafficClass(tc); }
    @Override public int getTrafficClass() throws SocketException { return raw.getTrafficClass(); }
    @Override public void setReuseAddress(boolean on) throws SocketException { raw.setReuseAddress(on); }
    @Override public boolean getReuseAddress() throws SocketException { return raw.getReuseAddress(); }
    @Override public void close() throws IOException { raw.close(); }
    @Override public void shutdownInput() throws IOException { raw.shutdownInput(); }
    @Override public void shutdownOutput() throws IOException { raw.shutdownOutput(); }
    @Override public boolean isConnected() { return raw.isConnected(); }
    @Override public boolean isBound() { return raw.isBound(); }
    @Override public boolean isClosed() { return raw.isClosed(); }
    @Override public boolean isInputShutdown() { return raw.isInputShutdown(); }
    @Override public boolean isOutputShutdown() { return raw.isOutputShutdown(); }
    @Override public String toString() { return "Ticketless" + raw; }
}
