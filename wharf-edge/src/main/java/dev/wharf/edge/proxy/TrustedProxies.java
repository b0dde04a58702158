package dev.wharf.edge.proxy;

import dev.wharf.core.Reason;
import dev.wharf.edge.Refusal;
import dev.wharf.edge.address.AddressRanges;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Whose PROXY protocol headers are believed, and how strictly: the balancer ranges ({@code trusted-cidrs}),
 * whether a trusted peer must send a header ({@code required}) and how long it may take ({@code headerTimeout},
 * for transports that wait on their own).
 */
public record TrustedProxies(AddressRanges ranges, boolean required, Duration headerTimeout) {
    /** PROXY protocol off: no range trusted, every header refused. */
    public static final TrustedProxies NONE = new TrustedProxies(AddressRanges.none(), true, Duration.ofSeconds(5));

    /** Parses {@code cidrs} strictly; {@code key} names the configuration key in the error. */
    public static TrustedProxies parse(List<String> cidrs, String key, boolean required, Duration headerTimeout) {
        return new TrustedProxies(AddressRanges.parse(cidrs, key), required, headerTimeout);
    }

    /** True when a range is configured: PROXY protocol is on. */
    public boolean enabled() {
        return !ranges.isEmpty();
    }

    public boolean trusts(InetAddress peer) {
        return ranges.contains(peer);
    }

    public boolean trusts(SocketAddress peer) {
        return peer instanceof InetSocketAddress a && ranges.contains(a.getAddress());
    }

    /**
     * What to do with a connection whose first bytes decoded to {@code result}, from a peer {@code trusted} or
     * not: the same decision for every transport.
     */
    public Verdict judge(boolean trusted, ProxyHeaderDecoder.Result result) {
        return switch (result) {
            case ProxyHeaderDecoder.NeedMore more -> Verdict.WAIT;
            case ProxyHeaderDecoder.Absent absent -> trusted && required ? Verdict.REFUSE_MISSING : Verdict.SERVE_PEER;
            case ProxyHeaderDecoder.Invalid invalid -> Verdict.REFUSE_INVALID;
            case ProxyHeaderDecoder.Decoded decoded -> !trusted ? Verdict.REFUSE_UNTRUSTED
                    : decoded.header().local() ? Verdict.HEALTH_PROBE
                    : decoded.header().source() == null ? Verdict.SERVE_PEER_AFTER_HEADER : Verdict.SERVE_CLIENT;
        };
    }

    /**
     * The refusal of a {@code REFUSE_*} verdict on {@code result} (stage {@code proxy-protocol}, reason
     * {@code bad_request}); null for the other verdicts. The message names no configuration and echoes no input.
     */
    public static Refusal refusal(Verdict verdict, ProxyHeaderDecoder.Result result) {
        return switch (verdict) {
            case REFUSE_MISSING -> proxyRefusal("proxy_header_missing",
                    "No PROXY protocol header from a trusted proxy.");
            case REFUSE_UNTRUSTED -> proxyRefusal("proxy_header_untrusted",
                    "PROXY protocol header from an address that is not a trusted proxy.");
            case REFUSE_INVALID -> proxyRefusal("proxy_header_invalid", "Invalid PROXY protocol header"
                    + (result instanceof ProxyHeaderDecoder.Invalid i ? ": " + i.why() : "") + ".");
            default -> null;
        };
    }

    private static Refusal proxyRefusal(String cause, String message) {
        return new Refusal(Refusal.Stage.PROXY_PROTOCOL, Reason.BAD_REQUEST, cause, message);
    }

    /** The decision on a connection's first bytes. */
    public enum Verdict {
        /** A header split across reads: wait for more bytes. */
        WAIT,
        /** No header, none needed: serve the socket's peer. */
        SERVE_PEER,
        /** A header without a client address (v1 UNKNOWN, v2 UNSPEC/UDP/UNIX): skip it, serve the socket's peer. */
        SERVE_PEER_AFTER_HEADER,
        /** A trusted header: skip it, serve its source. */
        SERVE_CLIENT,
        /** v2 LOCAL from a trusted balancer: its own health probe, never a session. */
        HEALTH_PROBE,
        /** A trusted peer sent no header though one is required. */
        REFUSE_MISSING,
        /** A header from a peer outside the trusted ranges: forged or misrouted. */
        REFUSE_UNTRUSTED,
        /** A malformed header. */
        REFUSE_INVALID;

        public boolean refused() {
            return name().startsWith("REFUSE");
        }
    }
}
