package dev.wharf.ftp.proxy;

import java.time.Duration;

/**
 * The PROXY protocol settings shared by control and data connections.
 *
 * @param trusted       balancers whose headers are believed; empty = PROXY protocol off
 * @param required      whether a trusted peer must send a header (else its connection is closed)
 * @param headerTimeout how long to wait for a trusted peer's header
 */
public record ProxyProtocol(TrustedProxies trusted, boolean required, Duration headerTimeout) {
    public boolean enabled() {
        return !trusted.isEmpty();
    }
}
