package dev.wharf.web.http;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** The portal behind a load balancer ({@code wharf.web.proxy.*}); gateway-web/README.md lists the keys. */
@ConfigMapping(prefix = "wharf.web.proxy")
public interface ProxyConfig {
    /**
     * Address ranges of the balancers and ingress controllers in front of the portal, whose
     * {@code X-Forwarded-For} is believed (the same syntax and parser as {@code wharf.ftp.proxy-protocol.trusted-cidrs});
     * empty: the connection's peer is the client.
     */
    Optional<List<String>> trustedCidrs();
}
