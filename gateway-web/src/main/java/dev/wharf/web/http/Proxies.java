package dev.wharf.web.http;

import dev.wharf.edge.proxy.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

/**
 * The balancers the portal believes ({@code X-Forwarded-For}, PROXY headers), parsed once at start (a bad range
 * stops it), and the client address of a request.
 */
@ApplicationScoped
public class Proxies {
    private final TrustedProxies trusted;
    private final boolean protocol;

    @Inject
    public Proxies(ProxyConfig config) {
        this.trusted = TrustedProxies.parse(config.trustedCidrs().orElse(List.of()),
                "wharf.web.proxy.trusted-cidrs", true, Duration.ZERO);
        this.protocol = config.protocol();
        if (protocol && !trusted.enabled()) {
            // a header believed from everyone would let any client pick its own address
            throw new IllegalStateException("wharf.web.proxy.protocol=true needs wharf.web.proxy.trusted-cidrs "
                    + "(the balancers' ranges)");
        }
    }

    public TrustedProxies trusted() {
        return trusted;
    }

    /** Whether the HTTPS port reads PROXY protocol headers ({@code wharf.web.proxy.protocol}). */
    public boolean protocol() {
        return protocol;
    }

    /**
     * The request's client address: the PROXY header's source when the HTTPS port reads them (Vert.x reports it as
     * the remote address), else the peer, then the trusted {@code X-Forwarded-For} hops ({@link ClientAddress}).
     */
    public String client(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return ClientAddress.of(remote.hostAddress(), String.join(",", request.headers().getAll("X-Forwarded-For")),
                trusted);
    }
}
