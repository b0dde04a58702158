package dev.wharf.ftp.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Listeners, data connections and session limits of the FTP gateway. */
@ConfigMapping(prefix = "wharf.ftp")
public interface FtpConfig {
    /** Address the control listeners bind to: 127.0.0.1 locally, 0.0.0.0 in a cluster (WHARF_FTP_BIND_ADDRESS). */
    @WithDefault("127.0.0.1")
    String bindAddress();

    /** Explicit FTPS listener ports (plain until AUTH TLS); 0 picks a free port (WHARF_FTP_EXPLICIT_PORTS). */
    @WithDefault("2121,3021")
    List<Integer> explicitPorts();

    /** Implicit FTPS listener ports (TLS from the first byte); 0 picks a free port (WHARF_FTP_IMPLICIT_PORTS). */
    @WithDefault("2990,3990")
    List<Integer> implicitPorts();

    /** Passive data ports: ranges and single ports, e.g. "40000-50000" or "40000-40099,40200"; "0" = any free port. */
    @WithDefault("40000-50000")
    String passivePorts();

    /** Address advertised in PASV replies (the load balancer's); default: the address the client connected to. */
    Optional<String> passiveAddress();

    /** Whether active mode (PORT/EPRT) is allowed; off because it rarely works behind NAT and enables FTP bounce. */
    @WithDefault("false")
    boolean activeEnabled();

    /** Whether a passive data connection must come from the control connection's address (against port theft). */
    @WithDefault("true")
    boolean passiveIpCheck();

    /** Whether a TLS-secured session must protect its data connections too (PBSZ 0 + PROT P) before transfers. */
    @WithDefault("true")
    boolean requireProtectedData();

    /**
     * Whether a TLS data connection that ends without TLS close_notify counts as cut (upload aborted) rather than
     * complete; sets the JVM-wide JSSE property com.sun.net.ssl.requireCloseNotify (only FTP data sockets use it).
     */
    @WithDefault("true")
    boolean requireTlsCloseNotify();

    /**
     * Whether a TLS data connection must resume the control connection's TLS session (else it is closed and the
     * transfer answers 425); clients without session reuse (Commons Net FTPSClient) need it off.
     */
    @WithDefault("true")
    boolean requireTlsSessionReuse();

    /** A control connection idle this long gets 421 and is closed; NOOP and transfers count as activity. */
    @WithDefault("PT60S")
    Duration idleTimeout();

    /** Failed logins after which the connection is closed; 0 = never (WHARF_FTP_MAX_LOGIN_FAILURES). */
    @WithDefault("3")
    int maxLoginFailures();

    /** Delay before the reply to a failed login, to slow down password guessing on one connection. */
    @WithDefault("PT0.5S")
    Duration loginFailureDelay();

    /** Logged-in sessions this replica accepts at once; 0 = unlimited (WHARF_FTP_MAX_LOGINS). */
    @WithDefault("1000")
    int maxLogins();

    /** Control connections this replica accepts at once, logged in or not; 0 = unlimited (beyond it: 421). */
    @WithDefault("2000")
    int maxConnections();

    /**
     * Control connections at once from one client address; 0 = unlimited (beyond it: 421). Behind a load balancer
     * without PROXY protocol every client shares the balancer's address: raise it or set 0 there.
     */
    @WithDefault("50")
    int maxConnectionsPerAddress();

    /** Threads that run commands and transfers (one per running transfer) (WHARF_FTP_MAX_THREADS). */
    @WithDefault("200")
    int maxThreads();

    /** PROXY protocol v1/v2 from load balancers, on control and passive data connections. */
    ProxyProtocolConfig proxyProtocol();

    /** How long a passive port waits for the client's data connection after a transfer command (then 425). */
    @WithDefault("PT30S")
    Duration dataTimeout();

    /** A connection that has not logged in within this time gets 421 and is closed (WHARF_FTP_LOGIN_TIMEOUT). */
    @WithDefault("PT60S")
    Duration loginTimeout();

    /** Control connections not (yet) logged in that this replica accepts at once; 0 = unlimited (beyond it: 421). */
    @WithDefault("200")
    int maxUnauthenticated();

    /**
     * OpenSSH's MaxStartups {@code start:rate} before {@link #maxUnauthenticated()}: from {@code start} connections
     * not logged in, new ones are refused at random, {@code rate}% rising to all at the cap; blank = hard cap.
     */
    @WithDefault("100:30")
    Optional<String> unauthenticatedEarlyDrop();

    /** On shutdown, how long transfers in progress may go on before the remaining sessions get 421 and close. */
    @WithDefault("PT30S")
    Duration shutdownDeadline();

    /**
     * Whether a TLS handshake naming (SNI) no site, not the base domain and none of {@code sni-names} is refused
     * (unrecognized_name alert, against cross-protocol attacks); false = such names are ignored.
     */
    @WithDefault("true")
    boolean refuseUnknownSni();

    /** SNI names accepted besides site names and the base domain, e.g. the balancer's public name. */
    Optional<List<String>> sniNames();

    /** PROXY protocol settings (wharf.ftp.proxy-protocol.*). */
    interface ProxyProtocolConfig {
        /**
         * Address ranges (CIDR or single addresses, comma-separated) of the balancers allowed to send PROXY headers;
         * empty (the default) = PROXY protocol off (WHARF_FTP_PROXY_PROTOCOL_TRUSTED_CIDRS).
         */
        Optional<List<String>> trustedCidrs();

        /** Whether a connection from a trusted range must start with a PROXY header (else it is closed). */
        @WithDefault("true")
        boolean required();

        /** How long to wait for the PROXY header of a connection from a trusted range. */
        @WithDefault("PT5S")
        Duration headerTimeout();
    }

    /** Every listener with its kind, in a stable order (explicit first). */
    default List<ListenerSpec> listeners() {
        List<ListenerSpec> out = new java.util.ArrayList<>();
        explicitPorts().forEach(p -> out.add(new ListenerSpec(false, p)));
        implicitPorts().forEach(p -> out.add(new ListenerSpec(true, p)));
        return List.copyOf(out);
    }

    /** One control listener: implicit TLS or not, and its configured port (0 = any free port). */
    record ListenerSpec(boolean implicitTls, int port) {
        /** Listener name, unique per gateway: {@code explicit-2121}, {@code implicit-2990}, {@code explicit-0#2}. */
        public String name(int index) {
            return (implicitTls ? "implicit-" : "explicit-") + port + (port == 0 ? "#" + index : "");
        }
    }
}
