package dev.wharf.web.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The portal behind a load balancer ({@code wharf.web.proxy.*}); gateway-web/README.md lists the keys. */
@ConfigMapping(prefix = "wharf.web.proxy")
public interface ProxyConfig {
    /**
     * Address ranges of the balancers and ingress controllers in front of the portal, whose
     * {@code X-Forwarded-For} (and, with {@link #protocol()}, PROXY header) is believed (the same syntax and parser
     * as {@code wharf.ftp.proxy-protocol.trusted-cidrs}); empty: the connection's peer is the client.
     */
    Optional<List<String>> trustedCidrs();

    /**
     * PROXY protocol (v1 and v2) on the HTTPS port: every connection must start with a header, and a request whose
     * real peer is outside {@link #trustedCidrs()} is refused ({@code bad_request}). Needs trusted ranges.
     */
    @WithDefault("false")
    boolean protocol();
}
