package dev.wharf.e2e;

import org.apache.commons.net.ftp.FTPSClient;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One login through a gateway "from" a client address (PROXY header), with a real client: what the user is told
 * when refused, or null when the login worked. The connection is closed either way.
 */
final class LoginProbes {
    private LoginProbes() {
    }

    /** Explicit FTPS (Commons Net): the 530 text, or null when the login worked. */
    static String ftps(E2ePlatform platform, String clientIp, String user, String password) throws IOException {
        FTPSClient ftp = ProxiedClients.ftps(clientIp);
        try {
            ftp.connect("127.0.0.1", platform.ftpExplicitPort());
            return ftp.login(user, password) ? null : ftp.getReplyString();
        } finally {
            quit(ftp);
        }
    }

    /** An explicit-FTPS session logged in and left open, or an AssertionError with the reply. */
    static FTPSClient ftpsSession(E2ePlatform platform, String clientIp, String user, String password)
            throws IOException {
        FTPSClient ftp = ProxiedClients.ftps(clientIp);
        ftp.connect("127.0.0.1", platform.ftpExplicitPort());
        if (!ftp.login(user, password)) {
            String reply = ftp.getReplyString();
            quit(ftp);
            throw new AssertionError("login of " + user + " refused: " + reply);
        }
        return ftp;
    }

    /** QUIT and close, whatever state the connection is in. */
    static void quit(FTPSClient ftp) {
        try {
            if (ftp.isConnected()) {
                ftp.logout();
            }
        } catch (IOException ignored) {
            // the server may have closed it already
        }
        try {
            ftp.disconnect();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** SFTP with a password (MINA SSHD): the banner and disconnect texts, or null when the login worked. */
    static String sftp(E2ePlatform platform, String clientIp, String user, String password) throws Exception {
        SshClient client = ProxiedClients.ssh(clientIp, platform.sftpPort());
        CopyOnWriteArrayList<String> told = new CopyOnWriteArrayList<>();
        client.setUserInteraction(new UserInteraction() {
            @Override
            public void welcome(ClientSession session, String banner, String lang) {
                told.add(banner);
            }

            @Override
            public String[] interactive(ClientSession s, String name, String instruction, String lang,
                                        String[] prompt, boolean[] echo) {
                return null; // no second factor prompt answered
            }

            @Override
            public String getUpdatedPassword(ClientSession s, String prompt, String lang) {
                return null;
            }
        });
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionDisconnect(Session session, int reason, String msg, String language,
                                          boolean initiator) {
                told.add(msg);
            }
        });
        try (ClientSession s = ProxiedClients.sshSession(client, user, platform.sftpPort())) {
            s.addPasswordIdentity(password);
            boolean ok;
            try {
                ok = s.auth().verify(Duration.ofSeconds(30)).isSuccess();
            } catch (Exception refused) {
                ok = false;
            }
            return ok ? null : String.join("\n", told);
        } catch (Exception closedEarly) {
            return String.join("\n", told) + "\n" + closedEarly;
        } finally {
            client.stop();
        }
    }
}
