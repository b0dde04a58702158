package dev.wharf.cluster;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SSH logins straight to one replica, as HAProxy makes them: from 127.0.0.1 (the replicas' only trusted proxy),
 * starting with a PROXY header that names the client address of the test's choosing.
 */
final class ProxiedSsh {
    /** Seconds a refused login may take beyond the ban's own delay (JVM client start, key exchange). */
    static final double CONNECT_SECONDS_ALLOWANCE = 4.0;

    private ProxiedSsh() {
    }

    /** What the client was told (disconnect, failure), or "" when the password login worked. */
    static String login(String replica, int port, String clientIp, String user, String password) throws Exception {
        byte[] header = ("PROXY TCP4 " + clientIp + " 127.0.0.1 40001 " + port + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setClientProxyConnector(session -> session.getIoSession().writeBuffer(new ByteArrayBuffer(header))
                .verify(Duration.ofSeconds(10)));
        List<String> told = new CopyOnWriteArrayList<>();
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
                told.add("disconnect: " + msg);
            }
        });
        client.start();
        try (ClientSession s = client.connect(user, new InetSocketAddress(replica, port), null,
                new InetSocketAddress("127.0.0.1", 0)).verify(Duration.ofSeconds(20)).getSession()) {
            s.addPasswordIdentity(password);
            try {
                if (s.auth().verify(Duration.ofSeconds(20)).isSuccess()) {
                    return "";
                }
            } catch (Exception refused) {
                told.add("failure: " + refused.getMessage());
            }
        } catch (Exception refused) {
            told.add("connect: " + refused.getMessage());
        } finally {
            client.stop();
        }
        return String.join("\n", told);
    }
}
