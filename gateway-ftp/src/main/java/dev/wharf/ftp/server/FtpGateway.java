package dev.wharf.ftp.server;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.edge.limits.ConnectionLimits;
import dev.wharf.edge.limits.StartupDrop;
import dev.wharf.edge.proxy.TrustedProxies;
import dev.wharf.ftp.auth.NoLocalUsers;
import dev.wharf.ftp.auth.PassCommand;
import dev.wharf.ftp.control.ConnectionLimitFilter;
import dev.wharf.ftp.control.ControlConnectionFilter;
import dev.wharf.ftp.control.LoginGateFilter;
import dev.wharf.ftp.data.ActiveCommand;
import dev.wharf.ftp.data.DataConnections;
import dev.wharf.ftp.data.DataSettings;
import dev.wharf.ftp.data.PassiveCommand;
import dev.wharf.ftp.data.PassivePortUsage;
import dev.wharf.ftp.data.Transfers;
import dev.wharf.ftp.fs.DeleCommand;
import dev.wharf.ftp.fs.HashCommand;
import dev.wharf.ftp.fs.MkdCommand;
import dev.wharf.ftp.fs.RmdCommand;
import dev.wharf.ftp.fs.RntoCommand;
import dev.wharf.ftp.fs.StoreCommand;
import dev.wharf.ftp.fs.WharfFileSystemFactory;
import dev.wharf.ftp.listing.ListingCommand;
import dev.wharf.ftp.metrics.FtpMetrics;
import dev.wharf.ftp.proxy.ProxyProtocolFilter;
import dev.wharf.ftp.session.DataProtectionFtplet;
import dev.wharf.ftp.session.RefusalAudit;
import dev.wharf.ftp.session.SessionContextFilter;
import dev.wharf.ftp.session.SessionLifecycleFtplet;
import dev.wharf.ftp.tls.HandshakePolicy;
import dev.wharf.ftp.tls.ServerTls;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.impl.DefaultDataConnectionConfiguration;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.PassivePorts;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.message.MessageResourceFactory;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    private LoginGateFilter loginGate;
    // read without the lock: stop() holds it while transfers drain, and readiness must answer meanwhile
    private volatile Map<String, BoundListener> listeners = Map.of();
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    static final String CLOSE_NOTIFY_PROPERTY = "com.sun.net.ssl.requireCloseNotify";

    private final SessionLifecycleFtplet lifecycle;
    private final TrustedProxies proxy;
    private final ConnectionLimits limits;
    private final DataSettings dataSettings;
    private final Transfers transfers = new Transfers();
    private final RefusalAudit refusals;
    private ScheduledExecutorService timers;
    private final SessionContextFilter sessionContext;
    private volatile FtpServer server;
    private volatile Map<String, Listener> libraryListeners = Map.of();

    /** A control listener as bound: its name, kind and actual port. */
    public record BoundListener(String name, boolean implicitTls, String address, int port) {
    }

    public FtpGateway(FtpConfig config, ServerTls tls, TenantResolver tenants, LoginFlow loginFlow,
                      StoragePort storage, SessionAudit audit, FtpMetrics metrics, SessionTracer tracer) {
        this.config = config;
        this.tls = tls.withHandshakePolicy(new HandshakePolicy(tenants, config.sniNames().orElse(List.of()),
                config.refuseUnknownSni(), tls::hasCertificateFor));
        this.loginFlow = loginFlow;
        this.storage = storage;
        this.audit = audit;
        this.metrics = metrics;
        this.lifecycle = new SessionLifecycleFtplet(loginFlow, audit, metrics, tracer);
        this.sessionContext = new SessionContextFilter(tracer);
        this.tenants = tenants;
        FtpConfig.ProxyProtocolConfig p = config.proxyProtocol();
        this.proxy = TrustedProxies.parse(p.trustedCidrs().orElse(List.of()),
                "wharf.ftp.proxy-protocol.trusted-cidrs", p.required(), p.headerTimeout());
        this.limits = new ConnectionLimits(new ConnectionLimits.Settings(config.maxConnections(),
                config.maxConnectionsPerAddress(), StartupDrop.parse(config.maxUnauthenticated(),
                config.unauthenticatedEarlyDrop().orElse(""), "wharf.ftp.unauthenticated-early-drop"), 0));
        this.refusals = new RefusalAudit(audit);
        this.dataSettings = new DataSettings(proxy, config.passiveIpCheck(), config.activeEnabled(),
                config.dataTimeout(), config.idleTimeout(), tls.forDataConnections(), transfers,
                config.requireTlsSessionReuse(), refusals);
    }

    /** Binds every listener; when one port cannot be bound, the others are released and start fails. */
    public synchronized void start() throws FtpException {
        if (server != null) {
            throw new IllegalStateException("the FTP gateway is already started");
        }
        if (config.requireTlsCloseNotify()) {
            requireTlsCloseNotify();
        }
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-ftp-timers");
            t.setDaemon(true);
            return t;
        });
        FtpServerFactory factory = new FtpServerFactory();
        factory.setConnectionConfig(connectionConfig());
        factory.setUserManager(new NoLocalUsers());
        factory.setFileSystem(new WharfFileSystemFactory());
        org.apache.ftpserver.command.CommandFactory commands = commands();
        factory.setCommandFactory(commands);
        controlFilter = new ControlConnectionFilter(tenants, GatewayMessages.FEATURES,
                name -> commands.getCommand(name) != null, refusals);
        limitFilter = new ConnectionLimitFilter(limits, refusals);
        loginGate = new LoginGateFilter(config.loginTimeout(), timers);
        factory.setMessageResource(new GatewayMessages(new MessageResourceFactory().createMessageResource()));
        factory.setFtplets(ftplets());
        Map<String, Listener> created = createListeners();
        factory.setListeners(created);

        FtpServer s = factory.createServer();
        try {
            s.start();
        } catch (FtpException | RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
        server = s;
        libraryListeners = created;
        Map<String, BoundListener> bound = new LinkedHashMap<>();
        created.forEach((name, l) -> bound.put(name,
                new BoundListener(name, l.isImplicitSsl(), l.getServerAddress(), l.getPort())));
        listeners = java.util.Collections.unmodifiableMap(bound);
        LOG.infof("FTP gateway listening: %s; passive ports %s%s; PROXY protocol %s", listeners.values(),
                config.passivePorts(), config.passiveAddress().map(a -> " advertised as " + a).orElse(""),
                proxy.enabled() ? "from " + proxy.ranges() + (proxy.required() ? " (required)" : " (optional)")
                        : "off");
    }

    /**
     * Graceful stop: listeners stop accepting (readiness goes down with them), transfers in progress may finish until
     * {@code wharf.ftp.shutdown-deadline}, then every session gets {@code 421} and is closed (a transfer still
     * running is cut, so an upload is aborted, not stored). Then waits (at most {@code SHUTDOWN_GRACE}) until each
     * session published its closed event, and stops the library, whose thread pool would otherwise drop them.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        transfers.drain();
        libraryListeners.values().forEach(Listener::suspend);
        long transferDeadline = System.nanoTime() + config.shutdownDeadline().toNanos();
        if (transfers.active() > 0) {
            LOG.infof("FTP gateway stopping: waiting up to %s for %d transfers", config.shutdownDeadline(),
                    transfers.active());
        }
        while (transfers.active() > 0 && System.nanoTime() < transferDeadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        if (transfers.active() > 0) {
            LOG.warnf("%d FTP transfers still running after %s: cutting them", transfers.active(),
                    config.shutdownDeadline());
        }
        libraryListeners.values().forEach(l -> l.getActiveSessions().forEach(FtpGateway::closeForShutdown));
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (lifecycle.openSessions() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        if (lifecycle.openSessions() > 0) {
            LOG.warnf("%d FTP sessions did not close within %s", lifecycle.openSessions(), SHUTDOWN_GRACE);
        }
        server.stop();
        server = null;
        timers.shutdownNow();
        libraryListeners = Map.of();
        LOG.info("FTP gateway stopped");
    }

    private static void closeForShutdown(FtpIoSession session) {
        session.write(new org.apache.ftpserver.ftplet.DefaultFtpReply(
                org.apache.ftpserver.ftplet.FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                "The server is shutting down: reconnect in a moment."));
        // the session's command thread may be inside a transfer: closing its data socket ends it now
        DataConnections.cut(session);
        session.closeOnFlush();
    }

    /** Connections currently transferring data (for tests and metrics). */
    public int activeTransfers() {
        return transfers.active();
    }

    /** True while every configured listener is bound and accepting. */
    public boolean listening() {
        FtpServer s = server;
        Map<String, Listener> ls = libraryListeners;
        return s != null && !transfers.draining() && !s.isStopped() && !ls.isEmpty()
                && ls.values().stream().noneMatch(l -> l.isStopped() || l.isSuspended());
    }

    public List<BoundListener> listeners() {
        return List.copyOf(listeners.values());
    }

    /** The actual port of the {@code index}-th explicit (or implicit) listener, in configuration order. */
    public int port(boolean implicitTls, int index) {
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
        // one pool for all listeners. The library's check that a port is free binds it on every address, which on one
        // host collides with a balancer's passive frontends for the same ports (the local cluster's HAProxy); the
        // data connection factory binds the replica's own address and moves on from a port taken there instead.
        PassivePorts passivePorts = new PassivePorts(config.passivePorts(), false);

        AtomicInteger passiveUsed = metrics.passivePorts(PassivePortUsage.size(config.passivePorts()));
        metrics.certificateExpiry(tls::earliestExpiry);

        Map<String, Listener> out = new LinkedHashMap<>();
        List<FtpConfig.ListenerSpec> specs = config.listeners();
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no FTP listener configured: set wharf.ftp.explicit-ports or "
                    + "wharf.ftp.implicit-ports");
        }
        for (int i = 0; i < specs.size(); i++) {
            FtpConfig.ListenerSpec spec = specs.get(i);
            ListenerFactory lf = new ListenerFactory();
            lf.setServerAddress(config.bindAddress());
            lf.setPort(spec.port());
            lf.setImplicitSsl(spec.implicitTls());
            lf.setSslConfiguration(tls);
            lf.setIdleTimeout(seconds(config.idleTimeout()));
            // the library's filter chain has no hook; its session filter runs once per connection, before any read
            ProxyProtocolFilter proxyFilter = proxy.enabled()
                    ? new ProxyProtocolFilter(proxy, spec.implicitTls(), timers, refusals) : null;
            lf.setSessionFilter(session -> {
                // suspending a listener at shutdown must not close its sessions: their transfers may finish
                ((org.apache.mina.core.service.IoAcceptor) session.getService()).setCloseOnDeactivation(false);
                // replies are small writes: with Nagle (MINA's default) a reply written while the previous one is
                // unacknowledged waits for the client's delayed ACK, 40 ms on Linux, on every transfer's 226
                if (session.getConfig() instanceof org.apache.mina.transport.socket.SocketSessionConfig socket) {
                    socket.setTcpNoDelay(true);
                }
                if (proxyFilter != null) {
                    // before TLS on implicit ports: the balancer's header comes before the ClientHello
                    session.getFilterChain().addFirst("wharf-proxy", proxyFilter);
                }
                session.getFilterChain().addAfter("codec", "wharf-limits", limitFilter);
                session.getFilterChain().addAfter("wharf-limits", "wharf-login-gate", loginGate);
                session.getFilterChain().addAfter("wharf-login-gate", "wharf-control", controlFilter);
                // right after the codec, so every later filter and the command itself run in the session's context
                session.getFilterChain().addAfter("codec", "wharf-session", sessionContext);
                return true;
            });
            // implicit TLS listeners protect data connections from the start, as clients of port 990 expect
            DataConnectionConfiguration data = new DefaultDataConnectionConfiguration(seconds(config.idleTimeout()),
                    tls.forDataConnections(), config.activeEnabled(), true, null, 0, null, passivePorts,
                    config.passiveAddress().orElse(null), config.passiveIpCheck(), spec.implicitTls());
            lf.setDataConnectionConfiguration(new PassivePortUsage(data, passiveUsed));
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
        f.addCommand("RETR", new dev.wharf.ftp.fs.RetrCommand());
        f.addCommand("SIZE", dev.wharf.ftp.fs.StatCommand.size());
        f.addCommand("MDTM", dev.wharf.ftp.fs.StatCommand.mdtm());
        f.addCommand("DELE", new DeleCommand());
        f.addCommand("MKD", new MkdCommand());
        f.addCommand("XMKD", new MkdCommand());
        f.addCommand("RMD", new RmdCommand());
        f.addCommand("XRMD", new RmdCommand());
        f.addCommand("RNTO", new RntoCommand());
        // HASH answers the SHA-256 storage recorded at upload; MD5/MMD5 would read whole files from remote storage
        f.addCommand("HASH", new HashCommand());
        // our data-connection factory: PROXY headers, real-address checks, data timeout, EPSV ALL, no bounce
        // wildcards matched by our linear-time Glob, not the library's exponential matcher
        f.addCommand("LIST", new ListingCommand(new org.apache.ftpserver.command.impl.LIST()));
        f.addCommand("NLST", new ListingCommand(new org.apache.ftpserver.command.impl.NLST()));
        f.addCommand("MLSD", new ListingCommand(new org.apache.ftpserver.command.impl.MLSD()));
        f.addCommand("STAT", new ListingCommand(new org.apache.ftpserver.command.impl.STAT()));
        f.addCommand("PASV", PassiveCommand.pasv(dataSettings));
        f.addCommand("EPSV", PassiveCommand.epsv(dataSettings));
        f.addCommand("PORT", ActiveCommand.port(dataSettings, audit));
        f.addCommand("EPRT", ActiveCommand.eprt(dataSettings, audit));
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
