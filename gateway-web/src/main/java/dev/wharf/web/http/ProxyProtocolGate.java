package dev.wharf.web.http;

import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.edge.Refusal;
import dev.wharf.edge.proxy.TrustedProxies;
import dev.wharf.web.signin.WebSessions;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * PROXY protocol on the HTTPS port ({@code wharf.web.proxy.protocol}): Vert.x reads the v1/v2 header of every
 * connection there (the plain port, which the orchestrator probes, never), and this gate refuses the requests of a
 * connection whose real peer is not a trusted balancer, as the FTP and SFTP gateways refuse an untrusted header:
 * stage {@code proxy-protocol}, reason {@code bad_request}, wharf-edge's message.
 */
@ApplicationScoped
public class ProxyProtocolGate implements HttpServerOptionsCustomizer {
    private static final Logger LOG = Logger.getLogger(ProxyProtocolGate.class);
    // before HttpsOnly and the authentication handlers: an untrusted header never reaches a page or a sign-in
    private static final int PRIORITY = 20_000;

    private final Proxies proxies;
    private final WebSessions sessions;

    @Inject
    public ProxyProtocolGate(Proxies proxies, WebSessions sessions) {
        this.proxies = proxies;
        this.sessions = sessions;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (proxies.protocol()) {
            options.setUseProxyProtocol(true);
        }
    }

    void register(@Observes Filters filters) {
        if (!proxies.protocol()) {
            return;
        }
        filters.register(rc -> {
            if (rc.request().isSSL() && !trusted(rc.request().connection().remoteAddress(true))) {
                Refusal refusal = TrustedProxies.refusal(TrustedProxies.Verdict.REFUSE_UNTRUSTED, null);
                SocketAddress peer = rc.request().connection().remoteAddress(true);
                LOG.warnf("connection from %s refused, reason=%s, stage=%s: %s", peer.hostAddress(),
                        refusal.reason().code(), refusal.stage().code(), refusal.message());
                audit(peer, refusal);
                rc.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .putHeader("Connection", "close")
                        .end(refusal.message() + " (reason: " + refusal.reason().code() + ")\n");
                return;
            }
            rc.next();
        }, PRIORITY);
    }

    /**
     * A {@code policy.denied} event of a session that never began, with the peer's own address (the header's is
     * not believed), as the FTP and SFTP gateways record the refusal; off the event loop, which the spool's fsync
     * must not hold up.
     */
    private void audit(SocketAddress peer, Refusal refusal) {
        GatewaySession refused = new GatewaySession(WebSessions.GATEWAY, Protocol.HTTPS, peer.hostAddress(),
                peer.port());
        Thread.ofVirtual().name("wharf-web-refusal-audit").start(() ->
                sessions.audit().policyDenied(refused, null, refusal.reason(), refusal.stage().code()));
    }

    private boolean trusted(SocketAddress real) {
        return real != null && real.hostAddress() != null && ClientAddress.trusts(proxies.trusted(), real.hostAddress());
    }
}
