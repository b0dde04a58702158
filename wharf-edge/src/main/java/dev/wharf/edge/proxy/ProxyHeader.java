package dev.wharf.edge.proxy;

import java.net.InetSocketAddress;

/**
 * A decoded PROXY protocol header (v1 or v2).
 *
 * @param local       true for a v2 {@code LOCAL} command: the balancer's own connection (a health probe), no client
 * @param source      the relayed client's address; null for LOCAL, v1 {@code UNKNOWN} and v2 families other than
 *                    TCP (the connection is then served under its socket peer, as the specification says)
 * @param destination the address the client connected to, or null when the header carries none
 * @param length      bytes the header took on the wire, CRLF (v1) or TLVs (v2) included
 */
public record ProxyHeader(boolean local, InetSocketAddress source, InetSocketAddress destination, int length) {
}
