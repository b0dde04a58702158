package dev.wharf.sftp.server;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refuses a connection with an SSH disconnect message the client gets to read. SSHD's own disconnect closes the
 * socket as soon as the message is written; a client still sending its key exchange then meets a reset, and
 * OpenSSH reports "Broken pipe" instead of the message (seen in FaultsEndToEndIT). Here the session reads nothing
 * more, sends the message, half-closes and closes only {@link #LINGER} later, so the client's writes land in the
 * socket buffer and it reads the message first.
 */
final class LingeringDisconnect {
    /** How long a refused connection stays open after its message. */
    static final Duration LINGER = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(LingeringDisconnect.class);
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sftp-refusal-closer");
        t.setDaemon(true);
        return t;
    });

    private LingeringDisconnect() {
    }

    static void refuse(ServerSession session, int code, String message) {
        IoSession io = session.getIoSession();
        try {
            // the client's own packets stay in the buffers instead of being answered
            io.suspendRead();
            Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_DISCONNECT, message.length() + Long.BYTES * 2);
            buffer.putUInt(code);
            buffer.putString(message);
            buffer.putString(""); // language tag
            session.writePacket(buffer).addListener(written -> {
                try {
                    io.shutdownOutputStream();
                } catch (IOException e) {
                    LOG.debugf("half-close after the disconnect message failed: %s", e.toString());
                }
                CLOSER.schedule(() -> {
                    session.close(true);
                }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
            });
        } catch (IOException | RuntimeException e) {
            LOG.debugf("disconnect message not sent, closing: %s", e.toString());
            session.close(true);
        }
    }
}
