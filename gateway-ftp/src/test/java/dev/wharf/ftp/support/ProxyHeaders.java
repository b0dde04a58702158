package dev.wharf.ftp.support;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers as a balancer sends them, and a client socket factory that prefixes every connection. */
public final class ProxyHeaders {
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    public static byte[] v1(String sourceIp, int sourcePort, int destPort) {
        return ("PROXY TCP4 " + sourceIp + " 127.0.0.1 " + sourcePort + " " + destPort + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY command for TCP over IPv4, with one TLV (as balancers add) after the addresses. */
    public static byte[] v2(String sourceIp, int sourcePort, int destPort) throws IOException {
        byte[] tlv = {0x04, 0x00, 0x03, 'a', 'b', 'c'}; // PP2_TYPE_NOOP
        ByteBuffer b = ByteBuffer.allocate(16 + 12 + tlv.length);
        b.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11).putShort((short) (12 + tlv.length));
        b.put(InetAddress.getByName(sourceIp).getAddress()).put(InetAddress.getByName("127.0.0.1").getAddress());
        b.putShort((short) sourcePort).putShort((short) destPort).put(tlv);
        return b.array();
    }

    /** A v2 LOCAL command: the balancer's own health probe. */
    public static byte[] v2Local() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put(V2_SIGNATURE).put((byte) 0x20).put((byte) 0x00).putShort((short) 0);
        return b.array();
    }

    /** Client sockets that send a v2 header naming {@code sourceIp} as soon as they are connected. */
    public static SocketFactory factory(String sourceIp) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new ProxiedSocket(sourceIp);
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                Socket s = createSocket();
                s.connect(new InetSocketAddress(host, port));
                return s;
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                Socket s = createSocket();
                s.bind(new InetSocketAddress(localHost, localPort));
                s.connect(new InetSocketAddress(host, port));
                return s;
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
                Socket s = createSocket();
                s.bind(new InetSocketAddress(localAddress, localPort));
                s.connect(new InetSocketAddress(address, port));
                return s;
            }
        };
    }

    private static final class ProxiedSocket extends Socket {
        private final String sourceIp;

        ProxiedSocket(String sourceIp) {
            this.sourceIp = sourceIp;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            getOutputStream().write(v2(sourceIp, getLocalPort(), getPort()));
            getOutputStream().flush();
        }
    }
}
