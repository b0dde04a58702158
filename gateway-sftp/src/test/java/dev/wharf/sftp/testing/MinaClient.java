package dev.wharf.sftp.testing;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The MINA SSHD client as a test driver: records the banners and host keys the server presents. */
public final class MinaClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    public final SshClient client = SshClient.setUpDefaultClient();
    public final List<String> banners = new CopyOnWriteArrayList<>();
    public final List<PublicKey> hostKeys = new CopyOnWriteArrayList<>();

    public MinaClient() {
        client.setServerKeyVerifier((session, address, key) -> {
            hostKeys.add(key);
            return true;
        });
        client.setUserInteraction(new UserInteraction() {
            @Override
            public void welcome(ClientSession session, String banner, String lang) {
                banners.add(banner);
            }

            @Override
            public String[] interactive(ClientSession session, String name, String instruction, String lang,
                                        String[] prompt, boolean[] echo) {
                return null;
            }

            @Override
            public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                return null;
            }
        });
    }

    /** Connects and authenticates with a password; throws when refused. */
    public ClientSession login(int port, String user, String password) throws IOException {
        if (!client.isStarted()) {
            client.start();
        }
        ClientSession s = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
        try {
            s.addPasswordIdentity(password);
            s.auth().verify(TIMEOUT);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close(true);
            throw e;
        }
    }

    /** A logged-in SFTP client; closing it closes the SSH session too. */
    public SftpClient sftp(int port, String user, String password) throws IOException {
        return SftpClientFactory.instance().createSftpClient(login(port, user, password)).singleSessionInstance();
    }

    @Override
    public void close() {
        client.stop();
    }
}
