package dev.wharf.edge.proxy;

import dev.wharf.core.Reason;
import dev.wharf.edge.address.Addresses;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes PROXY protocol v1 and v2 headers from the first bytes of a connection, however they were split across
 * reads: given the bytes received so far it answers {@link NeedMore}, {@link Absent}, {@link Invalid} or
 * {@link Decoded}. {@link ProxyHeaderReader} keeps the bytes for transports that deliver only new ones.
 */
public final class ProxyHeaderDecoder {
    /** v1 headers are at most 107 bytes with CRLF. */
    public static final int V1_MAX = 107;
    /** Largest v2 payload accepted: addresses plus the TLVs balancers add (tens to hundreds of bytes). */
    public static final int V2_MAX_PAYLOAD = 4096;
    static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_FIXED = 16;
    private static final Pattern V1 = Pattern.compile(
            "PROXY (?:UNKNOWN(?: [^\\r\\n]*)?|(TCP4|TCP6) ([0-9a-fA-F:.]{2,45}) ([0-9a-fA-F:.]{2,45}) (\\d{1,5}) (\\d{1,5}))");

    /** What the bytes so far are. */
    public sealed interface Result {
    }

    /** Not enough bytes yet: at least {@code atLeast} bytes in total are needed to decide. */
    public record NeedMore(int atLeast) implements Result {
    }

    /** The bytes do not start with a PROXY header (an FTP command, a TLS ClientHello, {@code SSH-2.0-}). */
    public record Absent() implements Result {
    }

    /** The bytes start like a PROXY header but are not a valid one; {@code reason} is the refusal's code. */
    public record Invalid(Reason reason, String why) implements Result {
        Invalid(String why) {
            this(Reason.BAD_REQUEST, why);
        }
    }

    /** A complete header. */
    public record Decoded(ProxyHeader header) implements Result {
    }

    private ProxyHeaderDecoder() {
    }

    /** Decodes the first {@code length} bytes of {@code bytes}. */
    public static Result decode(byte[] bytes, int length) {
        return decode(bytes, 0, length);
    }

    /** Decodes {@code length} bytes of {@code bytes} from {@code offset} (the start of the connection). */
    public static Result decode(byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return new NeedMore(1);
        }
        if (prefixMatches(bytes, offset, length, V1_PREFIX)) {
            return length < V1_PREFIX.length ? new NeedMore(V1_PREFIX.length) : decodeV1(bytes, offset, length);
        }
        if (prefixMatches(bytes, offset, length, V2_SIGNATURE)) {
            return length < V2_FIXED ? new NeedMore(V2_FIXED) : decodeV2(bytes, offset, length);
        }
        return new Absent();
    }

    /**
     * Whether the first {@code length} bytes are, or could still become, the start of a header: a connection from
     * an untrusted peer is checked with it for a forged header without holding back more bytes than needed.
     */
    public static boolean startsLikeHeader(byte[] bytes, int length) {
        return prefixMatches(bytes, 0, length, V1_PREFIX) || prefixMatches(bytes, 0, length, V2_SIGNATURE);
    }

    /** Bytes after which {@link #startsLikeHeader} is final: a full signature either matched or did not. */
    public static int signatureLength(byte[] bytes, int length) {
        return length > 0 && bytes[0] == 'P' ? V1_PREFIX.length : V2_SIGNATURE.length;
    }

    private static Result decodeV1(byte[] bytes, int offset, int length) {
        int end = -1;
        for (int i = 1; i < Math.min(length, V1_MAX); i++) {
            if (bytes[offset + i - 1] == '\r' && bytes[offset + i] == '\n') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return length >= V1_MAX ? new Invalid("v1 header without CRLF within " + V1_MAX + " bytes")
                    : new NeedMore(length + 1);
        }
        Matcher m = V1.matcher(new String(bytes, offset, end - 2, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return new Invalid("malformed v1 header");
        }
        if (m.group(1) == null) {
            return new Decoded(new ProxyHeader(false, null, null, end));
        }
        boolean v4 = "TCP4".equals(m.group(1));
        InetSocketAddress source = v1Address(m.group(2), m.group(4), v4);
        InetSocketAddress destination = v1Address(m.group(3), m.group(5), v4);
        if (source == null || destination == null) {
            return new Invalid("v1 address or port does not match its family");
        }
        return new Decoded(new ProxyHeader(false, source, destination, end));
    }

    /** The address, or null when it is no literal of the header's family or the port is out of range. */
    private static InetSocketAddress v1Address(String ip, String port, boolean v4) {
        // by its text: the mapped TCP6 source ::ffff:192.0.2.1 is folded into IPv4 but still the TCP6 family
        if (v4 == ip.indexOf(':') >= 0 || !Addresses.isAddress(ip) || ip.indexOf('%') >= 0) {
            return null;
        }
        int p = Integer.parseInt(port);
        return p <= 65535 ? new InetSocketAddress(Addresses.parse(ip), p) : null;
    }

    private static Result decodeV2(byte[] bytes, int offset, int length) {
        int versionCommand = bytes[offset + 12] & 0xFF;
        if (versionCommand >> 4 != 2) {
            return new Invalid("v2 header with version " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0F;
        if (command > 1) {
            return new Invalid("v2 header with unknown command " + command);
        }
        int family = bytes[offset + 13] & 0xFF;
        int payload = ((bytes[offset + 14] & 0xFF) << 8) | (bytes[offset + 15] & 0xFF);
        if (payload > V2_MAX_PAYLOAD) {
            return new Invalid("v2 header of " + payload + " bytes (at most " + V2_MAX_PAYLOAD + " accepted)");
        }
        int total = V2_FIXED + payload;
        if (length < total) {
            return new NeedMore(total);
        }
        if (command == 0) {
            return new Decoded(new ProxyHeader(true, null, null, total)); // LOCAL: addresses, if any, are ignored
        }
        int size = switch (family) {
            case 0x11 -> 4;  // TCP over IPv4
            case 0x21 -> 16; // TCP over IPv6
            default -> 0;    // UNSPEC, UDP, UNIX: no TCP client address to use
        };
        if (size == 0) {
            return new Decoded(new ProxyHeader(false, null, null, total));
        }
        if (payload < 2 * size + 4) {
            return new Invalid("v2 header too short for its addresses");
        }
        int at = offset + V2_FIXED;
        try {
            InetSocketAddress source = v2Address(bytes, at, size, at + 2 * size);
            InetSocketAddress destination = v2Address(bytes, at + size, size, at + 2 * size + 2);
            return new Decoded(new ProxyHeader(false, source, destination, total));
        } catch (UnknownHostException e) {
            return new Invalid("v2 address of a bad length");
        }
    }

    private static InetSocketAddress v2Address(byte[] bytes, int at, int size, int portAt)
            throws UnknownHostException {
        InetAddress a = InetAddress.getByAddress(Arrays.copyOfRange(bytes, at, at + size));
        return new InetSocketAddress(a, ((bytes[portAt] & 0xFF) << 8) | (bytes[portAt + 1] & 0xFF));
    }

    private static boolean prefixMatches(byte[] bytes, int offset, int length, byte[] prefix) {
        int n = Math.min(length, prefix.length);
        return n > 0 && Arrays.equals(bytes, offset, offset + n, prefix, 0, n);
    }
}
