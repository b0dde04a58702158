package dev.wharf.sftp.server;

import org.apache.sshd.common.SshException;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.session.ServerSessionImpl;
import org.apache.sshd.server.session.SessionFactory;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Sessions that do not log a WARN when the peer drops the connection before sending its identification line.
 * Balancer and Kubernetes TCP probes connect and close without reading the server's greeting, which makes the
 * kernel reset the connection ("Connection reset by peer"); SSHD would log that at WARN for every probe. Such a
 * drop is logged at DEBUG; every later I/O error, and every refusal before identification (SshException: an
 * untrusted PROXY header, say), goes through SSHD's handling unchanged.
 */
final class QuietProbeSessions extends SessionFactory {
    private static final Logger LOG = Logger.getLogger(QuietProbeSessions.class);

    QuietProbeSessions(ServerFactoryManager server) {
        super(server);
    }

    @Override
    protected ServerSessionImpl doCreateSession(IoSession ioSession) throws Exception {
        return new WharfServerSession(getServer(), ioSession);
    }

    /** A server session that treats a plain I/O error before identification as a hang-up (its name shows in SSHD's logs). */
    private static final class WharfServerSession extends ServerSessionImpl {
        WharfServerSession(ServerFactoryManager server, IoSession ioSession) throws Exception {
            super(server, ioSession);
        }

        @Override
        public void exceptionCaught(Throwable t) {
            if (getClientVersion() == null && t instanceof IOException && !(t instanceof SshException)) {
                LOG.debugf("connection from %s dropped before identification: %s", getIoSession().getRemoteAddress(),
                        t.toString());
                signalExceptionCaught(t);
                close(true);
                return;
            }
            super.exceptionCaught(t);
        }
    }
}
