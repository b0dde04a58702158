package dev.wharf.sftp.server;

import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.sftp.auth.KeyboardInteractiveLogin;
import dev.wharf.sftp.auth.LoginAttempt;
import dev.wharf.sftp.auth.PasswordLogin;
import dev.wharf.sftp.auth.PublicKeyLogin;
import dev.wharf.sftp.fs.SftpErrors;
import dev.wharf.sftp.fs.StorageFileAccessor;
import dev.wharf.sftp.fs.StorageFileSystemFactory;
import dev.wharf.sftp.fs.WharfSftpEvents;
import dev.wharf.sftp.keys.HostKeys;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The SFTP endpoint: an Apache MINA SSHD server that offers only the SFTP subsystem (no shell, exec, forwarding or
 * agent), authenticates (public key, keyboard-interactive, password) through the shared login chain and serves the user's home folder from storage.
 * Plain Java, so tests build it with in-memory ports; {@link SftpLifecycle} runs it inside Quarkus.
 */
public final class SftpGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SftpGateway.class);

    private final SftpConfig config;
    private final LoginFlow login;
    private final StoragePort storage;
    private final SessionAudit audit;
    private final SftpMetrics metrics;
    private final AppThreads threads = new AppThreads();
    private final ExecutorService blocking = threads.blocking("wharf-sftp-login-");
    private SshServer server;
    private boolean stopped;
    private List<KeyPair> hostKeys = List.of();

    public SftpGateway(SftpConfig config, LoginFlow login, StoragePort storage, SessionAudit audit,
                       SftpMetrics metrics) {
        this.config = config;
        this.login = login;
        this.storage = storage;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Loads (or generates) the host keys, binds the port and starts accepting connections; once per instance. */
    public synchronized void start() throws IOException {
        if (stopped) {
            throw new IllegalStateException("a stopped gateway cannot be restarted: build a new one");
        }
        if (server != null) {
            return;
        }
        hostKeys = HostKeys.loadOrCreate(Path.of(config.hostKeyDir()));
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(config.bindAddress());
        sshd.setPort(config.port());
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        Algorithms.from(config).apply(sshd);

        LoginAttempt attempt = new LoginAttempt(storage, audit, blocking, config.authTimeout(), metrics::login);
        // OpenSSH's order of preference is publickey, keyboard-interactive, password; the server's order is moot
        // key logins block an I/O thread (PublicKeyLogin): leave at least one of SSHD's I/O threads free
        int keyLogins = CoreModuleProperties.NIO_WORKERS.getRequired(sshd) - 1;
        sshd.setUserAuthFactories(List.of(new PublicKeyLogin(login, attempt, keyLogins),
                UserAuthKeyboardInteractiveFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        sshd.setPasswordAuthenticator(new PasswordLogin(login, attempt));
        sshd.setPublickeyAuthenticator(PublicKeyLogin.SCREEN);
        sshd.setKeyboardInteractiveAuthenticator(new KeyboardInteractiveLogin(login, attempt));
        sshd.setGSSAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);

        // SFTP and nothing else: session channels only, no shell or exec, no forwarding of any kind, no agent
        sshd.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        sshd.setShellFactory(null);
        sshd.setCommandFactory(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setAgentFactory(null);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new StorageFileAccessor())
                .withSftpErrorStatusDataHandler(new SftpErrors())
                .withExecutorServiceProvider(threads::sftpChannel)
                .build();
        sftp.addSftpEventListener(new WharfSftpEvents());
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new StorageFileSystemFactory());

        sshd.addSessionListener(new SessionTracker(login, audit, metrics, blocking));
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "Wharf");
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, config.idleTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, config.authTimeout());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, config.maxAuthAttempts());

        sshd.start();
        server = sshd;
        LOG.infof("SFTP listening on %s:%d", config.bindAddress(), sshd.getPort());
    }

    /** The bound port (the real one when configured as 0). */
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    /** Whether the listener is up (readiness). */
    public synchronized boolean isListening() {
        return server != null && server.isStarted() && server.isOpen();
    }

    /** The public host keys presented to clients. */
    public List<PublicKey> hostKeys() {
        return hostKeys.stream().map(KeyPair::getPublic).toList();
    }

    public SftpMetrics metrics() {
        return metrics;
    }

    /** Stops accepting, closes open sessions (their unclosed uploads are discarded) and releases the port. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopped = true;
        try {
            server.stop(false);
        } catch (IOException e) {
            LOG.warnf("SFTP server did not stop cleanly: %s", e.toString());
        } finally {
            server = null;
        }
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                blocking.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
