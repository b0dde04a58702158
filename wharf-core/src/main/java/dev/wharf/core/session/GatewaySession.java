package dev.wharf.core.session;

import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.identity.Principal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client session on either gateway: who, which tenant, from where, over which protocol, and its counters.
 * FTP and SFTP both translate their library's session into this one model.
 */
public final class GatewaySession {
    private final String id = UUID.randomUUID().toString();
    private final Instant openedAt = Instant.now();
    private final String gateway;
    private volatile Protocol protocol;
    private final String clientIp;
    private final int clientPort;
    private volatile String tenant;
    private volatile Principal principal;
    private volatile SessionGrant grant;
    private volatile String portalUrl;
    private volatile boolean activeFtp;
    private final java.util.concurrent.atomic.AtomicBoolean openedAudited = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong bytesUploaded = new AtomicLong();
    private final AtomicLong bytesDownloaded = new AtomicLong();
    private final AtomicLong filesUploaded = new AtomicLong();
    private final AtomicLong filesDownloaded = new AtomicLong();

    /**
     * @param gateway  audit source of the gateway, e.g. {@code /gateway-ftp}
     * @param clientIp the real client address (from PROXY protocol when behind a trusted balancer)
     */
    public GatewaySession(String gateway, Protocol protocol, String clientIp, int clientPort) {
        this.gateway = gateway;
        this.protocol = protocol;
        this.clientIp = clientIp;
        this.clientPort = clientPort;
    }

    public String id() { return id; }
    public Instant openedAt() { return openedAt; }
    public String gateway() { return gateway; }
    public Protocol protocol() { return protocol; }
    /** FTP sessions become FTPS after AUTH TLS. */
    public void protocol(Protocol p) { protocol = p; }
    public String clientIp() { return clientIp; }
    public int clientPort() { return clientPort; }
    public String tenant() { return tenant; }
    public void tenant(String t) { tenant = t; }
    public Principal principal() { return principal; }
    public boolean loggedIn() { return principal != null; }

    /** The web portal named by the last refused login (password change, 2FA set-up), or null. */
    public String portalUrl() { return portalUrl; }
    public void portalUrl(String url) { portalUrl = url; }

    /** Logs the session in as {@code p}; {@code g} is what its storage calls show (see {@link SessionGrant}). */
    public void login(Principal p, SessionGrant g) {
        grant = g;
        principal = p;
        tenant = p.tenant();
    }

    /**
     * Whether the tenant's site lets this session use active FTP (PORT/EPRT), as policy-service's login decision
     * said ({@link dev.wharf.core.policy.Decision#activeFtp()}); false before login.
     */
    public boolean activeFtp() { return activeFtp; }
    public void activeFtp(boolean allowed) { activeFtp = allowed; }

    /** Logs in without a signed grant: for gateways whose storage checks none (in-memory test ports). */
    public void login(Principal p) {
        login(p, SessionGrant.unsigned(p.tenant()));
    }

    /** The grant storage calls of this session carry; null before login. */
    public SessionGrant grant() {
        return grant;
    }

    /**
     * True exactly once: the session-opened event is published when the tenant becomes known, so that it
     * carries the tenant (record key) like every later event of the session.
     */
    public boolean markOpenedAudited() {
        return openedAudited.compareAndSet(false, true);
    }

    /** Whether the session-opened event was published (the tenant became known). */
    public boolean openedAudited() {
        return openedAudited.get();
    }

    public String username() {
        Principal p = principal;
        return p == null ? null : p.username();
    }

    public void countUpload(long bytes) {
        bytesUploaded.addAndGet(bytes);
        filesUploaded.incrementAndGet();
    }

    public void countDownload(long bytes) {
        bytesDownloaded.addAndGet(bytes);
        filesDownloaded.incrementAndGet();
    }

    public long bytesUploaded() { return bytesUploaded.get(); }
    public long bytesDownloaded() { return bytesDownloaded.get(); }
    public long filesUploaded() { return filesUploaded.get(); }
    public long filesDownloaded() { return filesDownloaded.get(); }

    @Override
    public String toString() {
        return "session " + id + " " + protocol.wire() + " " + clientIp + " tenant=" + tenant + " user=" + username();
    }
}
