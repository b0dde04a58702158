package dev.wharf.ftp.server;

import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.ftp.auth.NoLocalUsers;
import dev.wharf.ftp.auth.PassCommand;
import dev.wharf.ftp.control.ConnectionLimitFilter;
import dev.wharf.ftp.control.ControlConnectionFilter;
import dev.wharf.ftp.fs.DeleCommand;
import dev.wharf.ftp.fs.HashCommand;
import dev.wharf.ftp.fs.MkdCommand;
import dev.wharf.ftp.fs.RmdCommand;
import dev.wharf.ftp.fs.RntoCommand;
import dev.wharf.ftp.fs.StoreCommand;
import dev.wharf.ftp.fs.WharfFileSystemFactory;
import dev.wharf.ftp.metrics.FtpMetrics;
import dev.wharf.ftp.session.DataProtectionFtplet;
import dev.wharf.ftp.session.SessionLifecycleFtplet;
import dev.wharf.ftp.tls.ServerTls;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.message.MessageResourceFactory;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The FTP gateway: Apache MINA FtpServer with explicit and implicit FTPS listeners, wired to the core login flow and
 * file operations. Plain Java, built from the ports it needs, so tests run it without Quarkus.
 */
public final class FtpGateway {
    private static final Logger LOG = Logger.getLogger(FtpGateway.class);

    private final FtpConfig config;
    private final ServerTls tls;
    private final LoginFlow loginFlow;
    private final StoragePort storage;
    private final SessionAudit audit;
    private final FtpMetrics metrics;
    private final TenantResolver tenants;
    private ControlConnectionFilter controlFilter;
    private ConnectionLimitFilter limitFilter;
    private final Map<String, BoundListener> listeners = new LinkedHashMap<>();
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    static final String CLOSE_NOTIFY_PROPERTY = "com.sun.net.ssl.requireCloseNotify";

    private final SessionLifecycleFtplet lifecycle;
    private FtpServer server;
    private Map<String, Listener> libraryListeners = Map.of();

    /** A control listener as bound: its name, kind and actual port. */
    public record BoundListener(String name, boolean implicitTls, String address, int port) {
    }

    public FtpGateway(FtpConfig config, ServerTls tls, TenantResolver tenants, LoginFlow loginFlow,
                      StoragePort storage, SessionAudit audit, FtpMetrics metrics) {
        this.config = config;
        this.tls = tls;
        this.loginFlow = loginFlow;
        this.storage = storage;
        this.audit = audit;
        this.metrics = metrics;
        this.lifecycle = new SessionLifecycleFtplet(loginFlow, audit, metrics);
        this.tenants = tenants;
    }

    /** Binds every listener; when one port cannot be bound, the others are released and start fails. */
    public synchronized void start() throws FtpException {
        if (server != null) {
            throw new IllegalStateException("the FTP gateway is already started");
        }
        if (config.requireTlsCloseNotify()) {
            requireTlsCloseNotify();
        }
        FtpServerFactory factory = new FtpServerFactory();
        factory.setConnectionConfig(connectionConfig());
        factory.setUserManager(new NoLocalUsers());
        factory.setFileSystem(new WharfFileSystemFactory());
        org.apache.ftpserver.command.CommandFactory commands = commands();
        factory.setCommandFactory(commands);
        controlFilter = new ControlConnectionFilter(tenants, GatewayMessages.FEATURES,
                name -> commands.getCommand(name) != null);
        limitFilter = new ConnectionLimitFilter(config.maxConnections(), config.maxConnectionsPerAddress());
        factory.setMessageResource(new GatewayMessages(new MessageResourceFactory().createMessageResource()));
        factory.setFtplets(ftplets());
        Map<String, Listener> created = createListeners();
        factory.setListeners(created);

        FtpServer s = factory.createServer();
        s.start();
        server = s;
        libraryListeners = created;
        listeners.clear();
        created.forEach((name, l) -> listeners.put(name,
                new BoundListener(name, l.isImplicitSsl(), l.getServerAddress(), l.getPort())));
        LOG.infof("FTP gateway listening: %s; passive ports %s%s", listeners.values(), config.passivePorts(),
                config.passiveAddress().map(a -> " advertised as " + a).orElse(""));
    }

    /**
     * Stops accepting, closes every session and waits (at most {@code SHUTDOWN_GRACE}) until each has published its
     * session-closed event, then stops the library, whose thread pool would otherwise drop those last events.
     */
    public synchronized void stop() {
        if (server != null) {
            libraryListeners.values().forEach(Listener::suspend);
            libraryListeners.values().forEach(l -> l.getActiveSessions().forEach(FtpIoSession::closeNow));
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            while (lifecycle.openSessions() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            if (lifecycle.openSessions() > 0) {
                LOG.warnf("%d FTP sessions did not close within %s", lifecycle.openSessions(), SHUTDOWN_GRACE);
            }
            server.stop();
            server = null;
            libraryListeners = Map.of();
            LOG.info("FTP gateway stopped");
        }
    }

    /** True while every configured listener is bound and accepting. */
    public synchronized boolean listening() {
        return server != null && !server.isStopped() && !libraryListeners.isEmpty()
                && libraryListeners.values().stream().noneMatch(l -> l.isStopped() || l.isSuspended());
    }

    public synchronized List<BoundListener> listeners() {
        return List.copyOf(listeners.values());
    }

    /** The actual port of the {@code index}-th explicit (or implicit) listener, in configuration order. */
    public synchronized int port(boolean implicitTls, int index) {
        return listeners.values().stream().filter(l -> l.implicitTls() == implicitTls).skip(index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such listener")).port();
    }

    /**
     * Makes JSSE report a TLS data connection that ends without close_notify as an error, so that an upload from a
     * client that crashed or was killed mid-file is aborted instead of stored truncated. JSSE reads the property
     * once, when the first {@code SSLSocket} is created: in this application that is the first FTP data
     * connection (the control connections, Vert.x and the service clients use {@code SSLEngine}).
     */
    static void requireTlsCloseNotify() {
        if (System.getProperty(CLOSE_NOTIFY_PROPERTY) == null) {
            System.setProperty(CLOSE_NOTIFY_PROPERTY, "true");
        } else if (!Boolean.getBoolean(CLOSE_NOTIFY_PROPERTY)) {
            LOG.warnf("%s=false is set: a TLS upload cut without close_notify will be stored as complete",
                    CLOSE_NOTIFY_PROPERTY);
        }
    }

    private Map<String, Listener> createListeners() {
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        // one factory for all listeners: they then share one passive port pool
        data.setPassivePorts(config.passivePorts());
        config.passiveAddress().ifPresent(data::setPassiveExternalAddress);
        data.setActiveEnabled(config.activeEnabled());
        data.setActiveIpCheck(true);
        data.setPassiveIpCheck(config.passiveIpCheck());
        data.setIdleTime(seconds(config.idleTimeout()));
        data.setSslConfiguration(tls.forDataConnections());

        Map<String, Listener> out = new LinkedHashMap<>();
        List<FtpConfig.ListenerSpec> specs = config.listeners();
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no FTP listener configured: set wharf.ftp.explicit-ports or "
                    + "wharf.ftp.implicit-ports");
        }
        for (int i = 0; i < specs.size(); i++) {
            FtpConfig.ListenerSpec spec = specs.get(i);
            // implicit TLS listeners protect data connections from the start, as clients of port 990 expect
            data.setImplicitSsl(spec.implicitTls());
            ListenerFactory lf = new ListenerFactory();
            lf.setServerAddress(config.bindAddress());
            lf.setPort(spec.port());
            lf.setImplicitSsl(spec.implicitTls());
            lf.setSslConfiguration(tls);
            lf.setIdleTimeout(seconds(config.idleTimeout()));
            // the library's filter chain has no hook; its session filter runs once per connection, before any read
            lf.setSessionFilter(session -> {
                session.getFilterChain().addAfter("codec", "wharf-limits", limitFilter);
                session.getFilterChain().addAfter("wharf-limits", "wharf-control", controlFilter);
                return true;
            });
            lf.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
            out.put(spec.name(i), lf.createListener());
        }
        return out;
    }

    private org.apache.ftpserver.ConnectionConfig connectionConfig() {
        ConnectionConfigFactory c = new ConnectionConfigFactory();
        c.setAnonymousLoginEnabled(false);
        c.setMaxAnonymousLogins(0);
        c.setMaxLogins(config.maxLogins());
        c.setMaxLoginFailures(config.maxLoginFailures());
        c.setLoginFailureDelay((int) config.loginFailureDelay().toMillis());
        c.setMaxThreads(config.maxThreads());
        return c.createConnectionConfig();
    }

    private org.apache.ftpserver.command.CommandFactory commands() {
        CommandFactoryFactory f = new CommandFactoryFactory();
        f.addCommand("PASS", new PassCommand(tenants, loginFlow, storage, audit, metrics));
        f.addCommand("STOR", StoreCommand.stor());
        f.addCommand("APPE", StoreCommand.appe());
        f.addCommand("DELE", new DeleCommand());
        f.addCommand("MKD", new MkdCommand());
        f.addCommand("XMKD", new MkdCommand());
        f.addCommand("RMD", new RmdCommand());
        f.addCommand("XRMD", new RmdCommand());
        f.addCommand("RNTO", new RntoCommand());
        // HASH answers the SHA-256 storage recorded at upload; MD5/MMD5 would read whole files from remote storage
        f.addCommand("HASH", new HashCommand());
        f.addCommand("OPTS", new OptsCommand());
        f.addCommand("MD5", new NotSupportedCommand("MD5 is not supported: use HASH (SHA-256) instead."));
        f.addCommand("MMD5", new NotSupportedCommand("MMD5 is not supported: use HASH (SHA-256) instead."));
        // the library's STOU commits a partial file when the transfer fails
        f.addCommand("STOU", new NotSupportedCommand("STOU is not supported: upload with STOR and a name."));
        // a second login on one connection would change the session's user under its audit trail
        f.addCommand("REIN", new NotSupportedCommand("REIN is not supported: reconnect to log in again."));
        return f.createCommandFactory();
    }

    private Map<String, Ftplet> ftplets() {
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        ftplets.put("session", lifecycle);
        if (config.requireProtectedData()) {
            ftplets.put("data-protection", new DataProtectionFtplet());
        }
        return ftplets;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, d.toSeconds()));
    }

    @Override
    public String toString() {
        return "FtpGateway" + new ArrayList<>(listeners.values());
    }
}
