package dev.wharf.sftp.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A PROXY protocol header (v1 text or v2 binary, haproxy's proxy-protocol.txt) read from the start of a
 * connection. The parser is incremental in the only way a stream needs: given the bytes received so far it says
 * "a complete header of n bytes", "no header here", or "not enough bytes yet" (a header split across reads).
 *
 * @param source      the client's address, or null for v2 LOCAL and v1 UNKNOWN (a balancer's own health probe)
 * @param destination the address the client connected to, or null when the header has none
 * @param length      how many bytes the header takes, including its trailing CRLF (v1) or TLVs (v2)
 */
public record ProxyHeader(InetSocketAddress source, InetSocketAddress destination, int length) {
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final int V1_MAX = 107; // the spec's longest v1 line, CRLF included
    /** Addresses plus TLVs balancers add (AWS, Azure, GCP ids are tens of bytes); far more is not a balancer. */
    static final int V2_MAX_PAYLOAD = 2048;

    /** What the bytes received so far hold. */
    public sealed interface Result {
    }

    /** A complete header. */
    public record Complete(ProxyHeader header) implements Result {
    }

    /** The connection does not start with a PROXY header (e.g. it starts with {@code SSH-2.0-}). */
    public record Absent() implements Result {
    }

    /** The bytes so far are the beginning of a header: wait for more. */
    public record Incomplete() implements Result {
    }

    /** Malformed or unsupported header. */
    public static final class InvalidHeaderException extends Exception {
        InvalidHeaderException(String message) {
            super(message);
        }
    }

    /** A v2 LOCAL or v1 UNKNOWN header: the balancer speaks for itself, not for a client. */
    public boolean local() {
        return source == null;
    }

    public static Result parse(byte[] data, int off, int len) throws InvalidHeaderException {
        if (startsWith(data, off, len, V2_SIGNATURE)) {
            return len < V2_SIGNATURE.length ? new Incomplete() : parseV2(data, off, len);
        }
        if (startsWith(data, off, len, V1_PREFIX)) {
            return len < V1_PREFIX.length ? new Incomplete() : parseV1(data, off, len);
        }
        return new Absent();
    }

    /** Whether the available bytes agree with {@code prefix} as far as they go. */
    private static boolean startsWith(byte[] data, int off, int len, byte[] prefix) {
        int n = Math.min(len, prefix.length);
        return len > 0 && Arrays.equals(data, off, off + n, prefix, 0, n);
    }

    private static Result parseV1(byte[] data, int off, int len) throws InvalidHeaderException {
        int end = -1;
        for (int i = off; i < off + Math.min(len, V1_MAX) - 1; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            if (len >= V1_MAX) {
                throw new InvalidHeaderException("PROXY v1 header without CRLF within " + V1_MAX + " bytes");
            }
            return new Incomplete();
        }
        String line = new String(data, off, end - off, StandardCharsets.US_ASCII);
        String[] f = line.split(" ", -1);
        int length = end - off + 2;
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            return new Complete(new ProxyHeader(null, null, length));
        }
        if (f.length != 6 || !(f[1].equals("TCP4") || f[1].equals("TCP6"))) {
            throw new InvalidHeaderException("malformed PROXY v1 header");
        }
        boolean v6 = f[1].equals("TCP6");
        return new Complete(new ProxyHeader(v1Address(f[2], f[4], v6), v1Address(f[3], f[5], v6), length));
    }

    private static InetSocketAddress v1Address(String ip, String port, boolean v6) throws InvalidHeaderException {
        boolean literal = v6 ? ip.indexOf(':') >= 0 && ip.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0) : ip.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (!literal || !port.chars().allMatch(Character::isDigit) || port.isEmpty() || port.length() > 5) {
            throw new InvalidHeaderException("malformed address in PROXY v1 header");
        }
        try {
            InetAddress a = InetAddress.getByName(ip); // a literal: no lookup
            int p = Integer.parseInt(port);
            if ((a.getAddress().length == 16) != v6 || p > 65535) {
                throw new InvalidHeaderException("malformed address in PROXY v1 header");
            }
            return new InetSocketAddress(a, p);
        } catch (UnknownHostException e) {
            throw new InvalidHeaderException("malformed address in PROXY v1 header");
        }
    }

    private static Result parseV2(byte[] data, int off, int len) throws InvalidHeaderException {
        int fixed = V2_SIGNATURE.length + 4;
        if (len < fixed) {
            return new Incomplete();
        }
        int verCmd = data[off + 12] & 0xff;
        int family = data[off + 13] & 0xff;
        int payload = ((data[off + 14] & 0xff) << 8) | (data[off + 15] & 0xff);
        if (verCmd >> 4 != 2) {
            throw new InvalidHeaderException("PROXY v2 header with version " + (verCmd >> 4));
        }
        if (payload > V2_MAX_PAYLOAD) {
            throw new InvalidHeaderException("PROXY v2 header of " + payload + " bytes (at most " + V2_MAX_PAYLOAD
                    + " accepted)");
        }
        if (len < fixed + payload) {
            return new Incomplete();
        }
        int length = fixed + payload;
        int command = verCmd & 0x0f;
        if (command == 0) {
            return new Complete(new ProxyHeader(null, null, length)); // LOCAL: addresses, if any, are ignored
        }
        if (command != 1) {
            throw new InvalidHeaderException("PROXY v2 header with command " + command);
        }
        int p = off + fixed;
        return switch (family) {
            case 0x11 -> { // TCP over IPv4
                require(payload >= 12);
                yield new Complete(new ProxyHeader(v2Address(data, p, 4, p + 8), v2Address(data, p + 4, 4, p + 10),
                        length));
            }
            case 0x21 -> { // TCP over IPv6
                require(payload >= 36);
                yield new Complete(new ProxyHeader(v2Address(data, p, 16, p + 32),
                        v2Address(data, p + 16, 16, p + 34), length));
            }
            case 0x00 -> new Complete(new ProxyHeader(null, null, length)); // UNSPEC: treated as LOCAL
            default -> throw new InvalidHeaderException("PROXY v2 header for an unsupported transport: family 0x"
                    + Integer.toHexString(family));
        };
    }

    private static void require(boolean ok) throws InvalidHeaderException {
        if (!ok) {
            throw new InvalidHeaderException("PROXY v2 header too short for its addresses");
        }
    }

    private static InetSocketAddress v2Address(byte[] data, int at, int size, int portAt) throws InvalidHeaderException {
        try {
            InetAddress a = InetAddress.getByAddress(Arrays.copyOfRange(data, at, at + size));
            return new InetSocketAddress(a, ((data[portAt] & 0xff) << 8) | (data[portAt + 1] & 0xff));
        } catch (UnknownHostException e) {
            throw new InvalidHeaderException("malformed address in PROXY v2 header");
        }
    }
}
