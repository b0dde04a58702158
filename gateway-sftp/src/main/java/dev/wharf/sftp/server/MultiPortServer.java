package dev.wharf.sftp.server;

import org.apache.sshd.server.SshServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An SSHD server that also listens on an alternate port (for users behind firewalls that block the first). */
final class MultiPortServer extends SshServer {

    /** Binds {@code port} on the same address as the first port (after {@link #start}); 0 picks a free one. */
    int listenAlso(int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(getHost(), port);
        acceptor.bind(address);
        if (port != 0) {
            return port;
        }
        // the acceptor keeps every bound address; the new one is the one not equal to the first port
        for (SocketAddress bound : acceptor.getBoundAddresses()) {
            if (bound instanceof InetSocketAddress a && a.getPort() != getPort()) {
                return a.getPort();
            }
        }
        throw new IOException("the alternate SFTP port was bound but is not among the bound addresses");
    }
}
