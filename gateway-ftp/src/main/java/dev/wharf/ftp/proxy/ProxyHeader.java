package dev.wharf.ftp.proxy;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A decoded PROXY protocol header (v1 or v2): whether it relays a client connection, and that client's address.
 *
 * @param local  true for a v2 {@code LOCAL} command: the balancer's own connection (a health probe), no client
 * @param source the relayed client's address; empty for LOCAL, v1 {@code UNKNOWN} and v2 families other than TCP
 * @param length bytes the header took on the wire
 */
public record ProxyHeader(boolean local, Optional<InetSocketAddress> source, int length) {
}
