package dev.wharf.ftp.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes PROXY protocol v1 and v2 headers (haproxy.org proxy-protocol.txt) from the first bytes of a connection,
 * however they were split across reads: the caller keeps the bytes received so far and asks again when more arrive.
 */
public final class ProxyHeaderDecoder {
    /** v1 headers are at most 107 bytes with CRLF. */
    static final int V1_MAX = 107;
    /** Upper bound of a v2 header we accept: addresses plus generous TLVs (balancers send a few hundred bytes). */
    static final int V2_MAX = 16 + 4096;
    static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final Pattern V1 = Pattern.compile(
            "PROXY (?:UNKNOWN(?: [^\\r\\n]*)?|(TCP4|TCP6) ([0-9a-fA-F:.]{2,45}) ([0-9a-fA-F:.]{2,45}) (\\d{1,5}) (\\d{1,5}))");

    /** What the bytes so far are. */
    public sealed interface Result {
    }

    /** Not enough bytes yet: at least {@code atLeast} bytes in total are needed to decide. */
    public record NeedMore(int atLeast) implements Result {
    }

    /** The bytes do not start with a PROXY header (for instance an FTP command or a TLS ClientHello). */
    public record NotAHeader() implements Result {
    }

    /** The bytes start like a PROXY header but are not a valid one. */
    public record Invalid(String why) implements Result {
    }

    /** A complete header. */
    public record Decoded(ProxyHeader header) implements Result {
    }

    private ProxyHeaderDecoder() {
    }

    /** Whether the first {@code length} bytes could still become, or are, the start of a PROXY header. */
    public static boolean startsLikeHeader(byte[] bytes, int length) {
        return prefixMatches(bytes, length, V1_PREFIX) || prefixMatches(bytes, length, V2_SIGNATURE);
    }

    /** Bytes after which {@link #startsLikeHeader} is final: a full signature either matched or did not. */
    public static int signatureLength(byte[] bytes, int length) {
        return length > 0 && bytes[0] == 'P' ? V1_PREFIX.length : V2_SIGNATURE.length;
    }

    /** Decodes the first {@code length} bytes of {@code bytes}. */
    public static Result decode(byte[] bytes, int length) {
        if (length == 0) {
            return new NeedMore(1);
        }
        if (prefixMatches(bytes, length, V1_PREFIX)) {
            return length < V1_PREFIX.length ? new NeedMore(V1_PREFIX.length) : decodeV1(bytes, length);
        }
        if (prefixMatches(bytes, length, V2_SIGNATURE)) {
            return length < 16 ? new NeedMore(16) : decodeV2(bytes, length);
        }
        return new NotAHeader();
    }

    private static Result decodeV1(byte[] bytes, int length) {
        int end = -1;
        for (int i = 1; i < Math.min(length, V1_MAX); i++) {
            if (bytes[i - 1] == '\r' && bytes[i] == '\n') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return length >= V1_MAX ? new Invalid("v1 header without CRLF within " + V1_MAX + " bytes")
                    : new NeedMore(length + 1);
        }
        String line = new String(bytes, 0, end - 2, StandardCharsets.US_ASCII);
        Matcher m = V1.matcher(line);
        if (!m.matches()) {
            return new Invalid("malformed v1 header");
        }
        if (m.group(1) == null) {
            return new Decoded(new ProxyHeader(false, Optional.empty(), end));
        }
        try {
            InetAddress source = literal(m.group(2));
            literal(m.group(3));
            int sourcePort = Integer.parseInt(m.group(4));
            int destPort = Integer.parseInt(m.group(5));
            boolean v4 = "TCP4".equals(m.group(1));
            if ((source instanceof java.net.Inet4Address) != v4 || sourcePort > 65535 || destPort > 65535) {
                return new Invalid("v1 address or port does not match its family");
            }
            return new Decoded(new ProxyHeader(false, Optional.of(new InetSocketAddress(source, sourcePort)), end));
        } catch (UnknownHostException e) {
            return new Invalid("v1 address is not an address literal");
        }
    }

    private static Result decodeV2(byte[] bytes, int length) {
        int versionCommand = bytes[12] & 0xFF;
        if (versionCommand >> 4 != 2) {
            return new Invalid("v2 header with version " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0F;
        if (command > 1) {
            return new Invalid("v2 header with unknown command " + command);
        }
        int family = bytes[13] & 0xFF;
        int payload = ((bytes[14] & 0xFF) << 8) | (bytes[15] & 0xFF);
        int total = 16 + payload;
        if (total > V2_MAX) {
            return new Invalid("v2 header of " + total + " bytes");
        }
        if (length < total) {
            return new NeedMore(total);
        }
        if (command == 0) {
            return new Decoded(new ProxyHeader(true, Optional.empty(), total));
        }
        int addressLength = switch (family) {
            case 0x11 -> 4;  // TCP over IPv4
            case 0x21 -> 16; // TCP over IPv6
            default -> 0;    // UNSPEC, UDP, UNIX: no TCP client address to use
        };
        if (addressLength == 0) {
            return new Decoded(new ProxyHeader(false, Optional.empty(), total));
        }
        if (payload < 2 * addressLength + 4) {
            return new Invalid("v2 header too short for its address family");
        }
        try {
            InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(bytes, 16, 16 + addressLength));
            int portAt = 16 + 2 * addressLength;
            int port = ((bytes[portAt] & 0xFF) << 8) | (bytes[portAt + 1] & 0xFF);
            return new Decoded(new ProxyHeader(false, Optional.of(new InetSocketAddress(source, port)), total));
        } catch (UnknownHostException e) {
            return new Invalid("v2 address of a bad length");
        }
    }

    /** Parses an address literal; the syntax was checked by the pattern, so no name lookup can happen. */
    private static InetAddress literal(String text) throws UnknownHostException {
        if (!text.contains(":") && !text.matches("\\d{1,3}(?:\\.\\d{1,3}){3}")) {
            throw new UnknownHostException(text);
        }
        return InetAddress.getByName(text);
    }

    private static boolean prefixMatches(byte[] bytes, int length, byte[] prefix) {
        int n = Math.min(length, prefix.length);
        for (int i = 0; i < n; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return n > 0;
    }
}
