package dev.wharf.sftp.server;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.edge.limits.ConnectionLimits;
import dev.wharf.edge.limits.StartupDrop;
import dev.wharf.edge.proxy.TrustedProxies;
import dev.wharf.sftp.auth.KeyboardInteractiveLogin;
import dev.wharf.sftp.auth.LoginAttempt;
import dev.wharf.sftp.auth.PasswordLogin;
import dev.wharf.sftp.auth.PublicKeyLogin;
import dev.wharf.sftp.fs.SftpErrors;
import dev.wharf.sftp.fs.StorageFileAccessor;
import dev.wharf.sftp.fs.StorageFileSystemFactory;
import dev.wharf.sftp.fs.WharfSftpEvents;
import dev.wharf.sftp.fs.WharfSftpSubsystem;
import dev.wharf.sftp.keys.HostKeys;
import dev.wharf.sftp.limits.ChannelCap;
import dev.wharf.sftp.limits.RefusalAudit;
import dev.wharf.sftp.limits.TimeoutMessages;
import dev.wharf.sftp.proxy.ProxyProtocolAcceptor;
import dev.wharf.sftp.session.LoginFlows;
import dev.wharf.sftp.session.SftpSession;
import dev.wharf.sftp.session.TenantAddresses;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerUserAuthServiceFactory;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.LockSupport;

/**
 * The SFTP endpoint: an Apache MINA SSHD server that offers only the SFTP subsystem (no shell, exec, forwarding or
 * agent), authenticates (public key, keyboard-interactive, password) through the shared login chain and serves the user's home folder from storage.
 * Plain Java, so tests build it with in-memory ports; {@link SftpLifecycle} runs it inside Quarkus.
 */
public final class SftpGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SftpGateway.class);

    private final SftpConfig config;
    private final SessionTracer tracer;
    private final LoginFlows logins;
    private final StoragePort storage;
    private final SessionAudit audit;
    private final SftpMetrics metrics;
    private final AppThreads threads = new AppThreads();
    private final ExecutorService blocking = threads.blocking("wharf-sftp-login-");
    private SshServer server;
    private int alternatePort = -1;
    private boolean stopped;
    private List<KeyPair> hostKeys = List.of();
    private SessionTracker tracker;
    private ConnectionLimits limits;
    private final List<SessionListener> extraListeners = new CopyOnWriteArrayList<>();

    public SftpGateway(SftpConfig config, LoginFlows logins, StoragePort storage, SessionAudit audit,
                       SftpMetrics metrics, SessionTracer tracer) {
        this.tracer = tracer;
        this.config = config;
        this.logins = logins;
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
        // configuration errors stop the gateway before anything is bound
        TrustedProxies trusted = TrustedProxies.parse(config.proxyProtocol().trustedCidrs().orElse(List.of()),
                "wharf.sftp.proxy-protocol.trusted-cidrs", config.proxyProtocol().required(), Duration.ZERO);
        ConnectionLimits.Settings limitSettings = new ConnectionLimits.Settings(0, config.maxSessionsPerAddress(),
                StartupDrop.parse(config.maxStartups(), config.startupsEarlyDrop().orElse(""), "wharf.sftp.startups-early-drop"),
                config.maxStartupsPerAddress());
        TenantAddresses tenantAddresses = TenantAddresses.parse(config.tenantAddresses().orElse(List.of()));
        hostKeys = HostKeys.loadOrCreate(Path.of(config.hostKeyDir()));
        MultiPortServer sshd = (MultiPortServer) ServerBuilder.builder().factory(MultiPortServer::new).build();
        sshd.setHost(config.bindAddress());
        sshd.setPort(config.port());
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        Algorithms.from(config).apply(sshd);

        LoginAttempt attempt = new LoginAttempt(storage, audit, blocking, config.loginGraceTime(), metrics::login,
                config.maxAuthAttempts());
        // OpenSSH's order of preference is publickey, keyboard-interactive, password; the server's order is moot
        // key logins block an I/O thread (PublicKeyLogin): leave at least one of SSHD's I/O threads free
        int keyLogins = CoreModuleProperties.NIO_WORKERS.getRequired(sshd) - 1;
        sshd.setUserAuthFactories(List.of(new PublicKeyLogin(attempt, keyLogins),
                UserAuthKeyboardInteractiveFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        sshd.setPasswordAuthenticator(new PasswordLogin(attempt));
        sshd.setPublickeyAuthenticator(PublicKeyLogin.SCREEN);
        sshd.setKeyboardInteractiveAuthenticator(new KeyboardInteractiveLogin(attempt));
        sshd.setGSSAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);

        // SFTP and nothing else: session channels only, no shell or exec, no forwarding of any kind, no agent
        sshd.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        sshd.setShellFactory(null);
        sshd.setCommandFactory(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setAgentFactory(null);
        SftpSubsystemFactory sftp = new WharfSftpSubsystem.Factory();
        sftp.setFileSystemAccessor(new StorageFileAccessor());
        sftp.setErrorStatusDataHandler(new SftpErrors());
        sftp.setExecutorServiceProvider(threads::sftpChannel);
        sftp.addSftpEventListener(new WharfSftpEvents());
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new StorageFileSystemFactory());

        // always installed: without trusted ranges every PROXY header is refused with a clear log line
        sshd.setServerProxyAcceptor(new ProxyProtocolAcceptor(trusted));
        limits = new ConnectionLimits(limitSettings);
        tracker = new SessionTracker(logins, tenantAddresses, limits, audit, metrics, blocking, tracer);
        sshd.addSessionListener(tracker);
        extraListeners.forEach(sshd::addSessionListener);
        sshd.setSessionDisconnectHandler(new TimeoutMessages(new RefusalAudit(audit)));
        sshd.setSessionFactory(new QuietProbeSessions(sshd));
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "Wharf");
        // SFTP is request/reply in small packets: with Nagle (SSHD's default) a reply written while the previous
        // one is unacknowledged waits for the client's delayed ACK (40 ms on Linux)
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, config.idleTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, config.loginGraceTime());
        // LoginAttempt counts failed attempts as OpenSSH does; SSHD counts every request (the "none" probe and
        // each key query too), so its own cap is only a backstop
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, config.maxAuthAttempts() * 4 + 2);
        // one client must not hold threads and handles without bound (issue 12): channels per session, handles
        // per channel
        sshd.setServiceFactories(List.of(ServerUserAuthServiceFactory.INSTANCE,
                new ChannelCap(config.maxChannelsPerSession())));
        SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(sshd, config.maxOpenHandles());

        sshd.start();
        server = sshd;
        if (config.alternatePort() >= 0) {
            alternatePort = sshd.listenAlso(config.alternatePort());
            LOG.infof("SFTP listening on %s:%d and %d", config.bindAddress(), sshd.getPort(), alternatePort);
        } else {
            LOG.infof("SFTP listening on %s:%d", config.bindAddress(), sshd.getPort());
        }
    }

    /** Adds a listener to every session (before {@link #start}): tests record the negotiated algorithms with it. */
    public void addSessionListener(SessionListener listener) {
        extraListeners.add(listener);
    }

    /** The bound port (the real one when configured as 0). */
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    /** The bound alternate port, or -1 when there is none. */
    public synchronized int alternatePort() {
        return server == null ? -1 : alternatePort;
    }

    /** Whether the listener is up (readiness). */
    public synchronized boolean isListening() {
        return server != null && server.isStarted() && server.isOpen();
    }

    /** Whether new sessions are welcome: listening and not shutting down (readiness). */
    public synchronized boolean isAccepting() {
        return isListening() && !tracker.draining();
    }

    /** Connections not yet authenticated (MaxStartups accounting). */
    public synchronized int startups() {
        return limits == null ? 0 : limits.startups();
    }

    /**
     * Graceful shutdown: new connections are turned away with a message (readiness is already DOWN), running
     * transfers get until {@code deadline} to finish, then every session is closed with a disconnect message and
     * the gateway stops. Sessions with no open file are closed at once.
     */
    public void shutdown(Duration deadline) {
        SshServer sshd;
        synchronized (this) {
            sshd = server;
            if (sshd == null) {
                return;
            }
            tracker.drain();
        }
        long end = System.nanoTime() + deadline.toNanos();
        String bye = Reason.SERVICE_UNAVAILABLE.code() + ": This server is shutting down: connect again to continue.";
        // bounded: at most one round per 50 ms until the deadline
        for (long round = 0; round <= Math.max(1, deadline.toMillis() / 50); round++) {
            boolean busy = false;
            for (var s : sshd.getActiveSessions()) {
                SftpSession state = SftpSession.of(s);
                if (state != null && state.transferring()) {
                    busy = true;
                } else if (s.isOpen() && !s.isClosing()) {
                    SessionTracker.disconnectNow((ServerSession) s, SshConstants.SSH2_DISCONNECT_BY_APPLICATION, bye);
                }
            }
            if (!busy || System.nanoTime() - end > 0) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        for (var s : sshd.getActiveSessions()) {
            if (s.isOpen() && !s.isClosing()) {
                LOG.infof("%s: closed at shutdown with a transfer running", SftpSession.of(s) == null ? s
                        : SftpSession.of(s).gateway());
                SessionTracker.disconnectNow((ServerSession) s, SshConstants.SSH2_DISCONNECT_BY_APPLICATION, bye);
            }
        }
        stop();
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
