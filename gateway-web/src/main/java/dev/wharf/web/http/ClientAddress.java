package dev.wharf.web.http;

import dev.wharf.edge.address.Addresses;
import dev.wharf.edge.proxy.TrustedProxies;

import java.net.InetAddress;

/**
 * The browser's address behind a load balancer. The connection's peer (after a PROXY header, when the HTTPS port
 * takes them, the address the header names) is the client unless it is one of the trusted proxies
 * ({@code wharf.web.proxy.trusted-cidrs}, the same ranges and parser as the FTP and SFTP gateways): then the
 * {@code X-Forwarded-For} list is read from the right, past every trusted hop, and its first other address is the
 * client. An untrusted peer's header is ignored (anyone can send one); a malformed entry ends the walk at the last
 * trusted hop, so a forged left part never becomes the client.
 */
public final class ClientAddress {
    /** Entries read from one header at most: a longer chain is not a real one. */
    static final int MAX_HOPS = 32;

    private ClientAddress() {
    }

    /**
     * @param peer          the connection's peer address (textual, as Vert.x reports it)
     * @param forwardedFor  the {@code X-Forwarded-For} header (all its values joined by commas), or null
     * @return the client address, textual
     */
    public static String of(String peer, String forwardedFor, TrustedProxies trusted) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted.enabled() || !trusts(trusted, peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            String hop = hops[i].strip();
            if (!Addresses.isAddress(hop)) {
                return client;
            }
            client = Addresses.fold(Addresses.parse(hop)).getHostAddress();
            if (!trusts(trusted, client)) {
                return client;
            }
        }
        return client;
    }

    /** Whether {@code address} (textual) is an address literal in the trusted ranges; a name never is. */
    static boolean trusts(TrustedProxies trusted, String address) {
        if (!Addresses.isAddress(address)) {
            return false;
        }
        InetAddress a = Addresses.parse(address);
        return trusted.trusts(a);
    }
}
