package dev.wharf.ftp.tls;

import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * Creates FTP data-connection sockets that send no TLS 1.3 session tickets ({@link TicketlessHandshakeSocket}) and
 * close TLS 1.3 gracefully ({@link GracefulSslSocket}).
 */
final class DataSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    DataSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    private static Socket wrap(Socket s) {
        return s instanceof SSLSocket ssl ? new GracefulSslSocket(ssl) : s;
    }

    /**
     * Without an SNI matcher JSSE ignores the data connection's SNI name and then refuses to resume a session whose
     * name was recognised ("different server name indication"): lftp (GnuTLS) sends the control connection's name,
     * often the address literal, and never resumed. The control connection's policy already vetted the name.
     */
    private static void acceptAnyServerName(SSLSocket ssl) {
        SSLParameters p = ssl.getSSLParameters();
        p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName serverName) {
                return true;
            }
        }));
        ssl.setSSLParameters(p);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        // the data connections' only path (accepted or connected sockets layered with TLS): no tickets here
        TicketlessHandshakeSocket plain = new TicketlessHandshakeSocket(s);
        Socket layered = delegate.createSocket(plain, host, port, autoClose);
        if (layered instanceof SSLSocket ssl) {
            plain.watch(ssl);
            acceptAnyServerName(ssl);
            return new GracefulSslSocket(ssl, plain::handshakeDone);
        }
        return layered;
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return wrap(delegate.createSocket(s, consumed, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return wrap(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return wrap(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return wrap(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return wrap(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return wrap(delegate.createSocket(address, port, localAddress, localPort));
    }
}
