package dev.wharf.sftp.limits;

import dev.wharf.core.Reason;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.AbstractServerSession;
import org.apache.sshd.server.session.ServerConnectionService;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Caps the channels one SSH session holds open at once (each SFTP channel costs a thread). Past the cap a channel
 * open is refused with {@code SSH_OPEN_RESOURCE_SHORTAGE} and the session goes on, as OpenSSH's MaxSessions does;
 * SSHD's own {@code MAX_CONCURRENT_CHANNELS} throws instead, which closes the whole session.
 */
public final class ChannelCap extends ServerConnectionServiceFactory {
    private static final Logger LOG = Logger.getLogger(ChannelCap.class);

    private final int max;

    /** @param max channels open at once per session; 0 = unlimited */
    public ChannelCap(int max) {
        this.max = max;
    }

    @Override
    public Service create(Session session) throws IOException {
        Capped service = new Capped((AbstractServerSession) session, max);
        service.addPortForwardingEventListenerManager(this);
        return service;
    }

    private static final class Capped extends ServerConnectionService {
        private final int max;

        Capped(AbstractServerSession session, int max) throws IOException {
            super(session);
            this.max = max;
        }

        @Override
        protected void channelOpen(Buffer buffer) throws Exception {
            if (max > 0 && open() >= max) {
                int start = buffer.rpos();
                buffer.getString(); // channel type
                long sender = buffer.getUInt();
                buffer.rpos(start);
                LOG.infof("%s: channel refused, reason=%s: %d channels open", getSession(),
                        Reason.LIMIT_REACHED.code(), max);
                sendChannelOpenFailure(buffer, sender, SshConstants.SSH_OPEN_RESOURCE_SHORTAGE,
                        Reason.LIMIT_REACHED.code() + ": at most " + max
                                + " SFTP channels in one session: close one and try again", "");
                return;
            }
            super.channelOpen(buffer);
        }

        /**
         * Channels not already closing: the client may open the next one as soon as it has the server's CLOSE, which
         * is sent before the channel leaves the map.
         */
        private long open() {
            return channels.values().stream().filter(c -> !c.isClosing()).count();
        }
    }
}
