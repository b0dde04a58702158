package dev.wharf.edge.address;

import dev.wharf.core.files.VirtualPaths;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Parses IP address literals, never names (no DNS): IPv4 only as a dotted quad of four decimal numbers 0-255
 * without leading zeros ({@code 10.1}, {@code 010.0.0.1} and {@code 10.0.0.1.} are not addresses: the C library's
 * {@code inet_aton} would read them as something else), IPv6 in hex notation. IPv4-mapped IPv6
 * ({@code ::ffff:192.0.2.1}) is folded into IPv4 so that one rule covers a client whichever socket family it
 * arrived on.
 */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern ZONE = Pattern.compile("%[A-Za-z0-9_.\\-]{1,32}$");
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private Addresses() {
    }

    /** A client address exactly as a socket or header reports it; a zone suffix ({@code %eth0}) is dropped. */
    public static InetAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IP address is required");
        }
        return literal(ZONE.matcher(text).replaceFirst(""), text);
    }

    /** Whether {@code text} is acceptable to {@link #parse}. */
    public static boolean isAddress(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The address with an IPv4-mapped IPv6 address folded into IPv4 (the JDK folds most, not all, paths). */
    public static InetAddress fold(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && Arrays.equals(b, 0, 12, MAPPED_PREFIX, 0, 12)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always an address
            }
        }
        return address;
    }

    /** The literal {@code s} (no zone, no prefix) as a folded address; {@code original} names it in errors. */
    static InetAddress literal(String s, String original) {
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = !v4 && s.indexOf(':') >= 0 && IPV6.matcher(s).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + printable(original));
        }
        try {
            // the JDK looks up in DNS any text it cannot read as a literal ("10.0.0.1." is a host name to it): only
            // a strict dotted quad goes bare, IPv6 goes in brackets, where the JDK never tries a name
            return fold(InetAddress.getByName(v4 ? s : "[" + s + "]"));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + printable(original));
        }
    }

    /** Client text, shortened and with control characters escaped: safe in messages and log lines. */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        return VirtualPaths.printable(s.length() > 64 ? s.substring(0, 64) + "..." : s);
    }
}
