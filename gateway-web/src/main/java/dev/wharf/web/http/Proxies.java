package dev.wharf.web.http;

import dev.wharf.edge.proxy.TrustedProxies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

/** The balancers whose {@code X-Forwarded-For} the portal believes, parsed once at start (a bad range stops it). */
@ApplicationScoped
public class Proxies {
    private final TrustedProxies trusted;

    @Inject
    public Proxies(ProxyConfig config) {
        this.trusted = TrustedProxies.parse(config.trustedCidrs().orElse(List.of()),
                "wharf.web.proxy.trusted-cidrs", false, Duration.ZERO);
    }

    public TrustedProxies trusted() {
        return trusted;
    }
}
