package dev.wharf.e2e;

import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * FTP and SFTP clients that reach the gateways as if through a load balancer: each connection starts with a
 * PROXY protocol v1 header naming a client address of the test's choosing. Only the header carries that
 * address; all traffic stays on loopback.
 */
final class ProxiedClients {
    /** The loopback address the tests' "load balancer" connects from; the gateways trust PROXY headers from it. */
    static final String BALANCER = "127.0.0.2";

    private ProxiedClients() {
    }

    /**
     * Fails FTPS logins "from" {@code clientIp} (a few a connection, at most 12 connections) until the gateway says
     * the address is banned; returns the last reply (the ban's, unless the defender never banned it).
     */
    static String failFtpsLoginsUntilBanned(String clientIp, int ftpsPort) {
        String reply = null;
        // the defender counts failures per address across gateways and connections
        for (int connection = 0; connection < 12 && !isBanned(reply); connection++) {
            FTPSClient ftp = ftps(clientIp);
            try {
                ftp.connect("127.0.0.1", ftpsPort);
                reply = ftp.getReplyString();
                for (int attempt = 0; attempt < 3 && ftp.isConnected() && !isBanned(reply); attempt++) {
                    ftp.login("mallory", "wrong-" + attempt);
                    reply = ftp.getReplyString();
                }
            } catch (IOException closed) {
                reply = String.valueOf(ftp.getReplyString());
            } finally {
                try {
                    ftp.disconnect();
                } catch (IOException ignored) {
                    // already closed by the server
                }
            }
        }
        return reply;
    }

    /** Whether a gateway's reply says the address is banned. */
    static boolean isBanned(String told) {
        return told != null && told.contains(dev.wharf.core.Reason.ADDRESS_BANNED.userMessage());
    }

    static byte[] header(String clientIp, int serverPort) {
        String family = clientIp.contains(":") ? "TCP6" : "TCP4";
        String server = clientIp.contains(":") ? "::1" : "127.0.0.1";
        return ("PROXY " + family + " " + clientIp + " " + server + " 40001 " + serverPort + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * An explicit-FTPS client whose control connection will come "from" {@code clientIp}; not connected yet, so
     * that a refused connection's reply stays readable ({@code getReplyString()}) after connect throws.
     */
    static FTPSClient ftps(String clientIp) {
        FTPSClient ftp = new FTPSClient("TLS", false);
        ftp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager()); // the platform's self-signed certificate
        ftp.setSocketFactory(new HeaderFirst(clientIp));
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        return ftp;
    }

    /** A started SSH client whose connections come "from" {@code clientIp}. */
    static SshClient ssh(String clientIp, int port) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE); // freshly generated host keys
        client.setClientProxyConnector(session -> session.getIoSession()
                .writeBuffer(new ByteArrayBuffer(header(clientIp, port))).verify(Duration.ofSeconds(10)));
        client.start();
        return client;
    }

    static ClientSession sshSession(SshClient client, String user, int port) throws IOException {
        return client.connect(user, new InetSocketAddress("127.0.0.1", port), null, new InetSocketAddress(BALANCER, 0))
                .verify(Duration.ofSeconds(20)).getSession();
    }

    /** Sockets that send the PROXY header as soon as they are connected, before the client reads the greeting. */
    private static final class HeaderFirst extends SocketFactory {
        private final String clientIp;

        HeaderFirst(String clientIp) {
            this.clientIp = clientIp;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    bind(new InetSocketAddress(BALANCER, 0));
                    super.connect(endpoint, timeout);
                    getOutputStream().write(header(clientIp, ((InetSocketAddress) endpoint).getPort()));
                    getOutputStream().flush();
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return createSocket(address, port);
        }
    }
}
