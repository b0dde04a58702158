package dev.wharf.sftp.testing;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The MINA SSHD client as a test driver: records the banners and host keys the server presents. */
public final class MinaClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The client for password logins; key and keyboard-interactive logins use their own (SSHD reads the
     * preferred methods when a session is created, from the client). */
    public final SshClient client = SshClient.setUpDefaultClient();
    private final Map<String, SshClient> byMethod = new ConcurrentHashMap<>();
    public final List<String> banners = new CopyOnWriteArrayList<>();
    public final List<PublicKey> hostKeys = new CopyOnWriteArrayList<>();

    public MinaClient() {
        CoreModuleProperties.PREFERRED_AUTHS.set(client, "password");
        byMethod.put("password", client);
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

    /** Connects and authenticates with the "password" method only; throws when refused. */
    public ClientSession login(int port, String user, String password) throws IOException {
        return authenticate(port, user, "password", s -> s.addPasswordIdentity(password));
    }

    /** Connects and tries these passwords in turn ("password" method only); throws when all are refused. */
    public ClientSession authenticateWithPasswords(int port, String user, List<String> passwords) throws IOException {
        return authenticate(port, user, "password", s -> passwords.forEach(s::addPasswordIdentity));
    }

    /** Connects and authenticates with the "publickey" method only, with this key pair; throws when refused. */
    public ClientSession loginWithKey(int port, String user, KeyPair key) throws IOException {
        return authenticate(port, user, "publickey", s -> s.addPublicKeyIdentity(key));
    }

    /**
     * Connects and authenticates with "keyboard-interactive" only, answering each prompt with {@code answer} (told
     * the prompts of that round); the prompts of every round are recorded in {@code rounds}.
     */
    public ClientSession loginInteractive(int port, String user, List<List<String>> rounds,
                                         Function<List<String>, String[]> answer) throws IOException {
        return authenticate(port, user, "keyboard-interactive", s -> s.setUserInteraction(new UserInteraction() {
            @Override
            public void welcome(ClientSession session, String banner, String lang) {
                banners.add(banner);
            }

            @Override
            public String[] interactive(ClientSession session, String name, String instruction, String lang,
                                        String[] prompt, boolean[] echo) {
                List<String> prompts = List.of(prompt);
                rounds.add(prompts);
                return answer.apply(prompts);
            }

            @Override
            public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                return null;
            }
        }));
    }

    private ClientSession authenticate(int port, String user, String method, Consumer<ClientSession> identity)
            throws IOException {
        SshClient c = byMethod.computeIfAbsent(method, m -> {
            SshClient other = SshClient.setUpDefaultClient();
            CoreModuleProperties.PREFERRED_AUTHS.set(other, m);
            other.setServerKeyVerifier(client.getServerKeyVerifier());
            other.setUserInteraction(client.getUserInteraction());
            return other;
        });
        synchronized (c) {
            if (!c.isStarted()) {
                c.start();
            }
        }
        ClientSession s = c.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
        try {
            identity.accept(s);
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
        byMethod.values().forEach(SshClient::stop);
    }
}
