package dev.wharf.policy.address;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;

import java.util.regex.Pattern;

/**
 * Parses client addresses and CIDR ranges as literals only (never DNS), IPv4 and IPv6, and folds IPv4-mapped IPv6
 * ({@code ::ffff:192.0.2.1}) into IPv4 so that one rule covers a client whichever socket family it arrived on.
 */
public final class IpAddresses {
    // The library also accepts inet_aton forms ("10.1"), wildcards ("10.*") and ranges ("10.0-3.0.0"); rules and
    // client addresses must be unambiguous, so only dotted quads and IPv6 hex notation get through to it.
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern ZONE = Pattern.compile("%[A-Za-z0-9_.\\-]{1,32}$");
    private static final int MAPPED_PREFIX = 96;

    private IpAddresses() {
    }

    /** One client address, exactly as a socket reports it (no blanks); a zone suffix ({@code %eth0}) is dropped. */
    public static IPAddress parseAddress(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IP address is required");
        }
        String s = ZONE.matcher(text).replaceFirst("");
        IPAddress a = literal(s, text);
        return normalize(a);
    }

    /**
     * A CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address, as an administrator wrote it
     * (blanks around it are ignored); host bits are ignored.
     */
    public static IPAddress parseRange(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address range is required");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        IPAddress base = literal(slash < 0 ? s : s.substring(0, slash), text);
        if (slash < 0) {
            return normalize(base);
        }
        String bits = s.substring(slash + 1);
        int prefix = prefixLength(bits, text);
        int max = base.getBitCount();
        if (prefix > max) {
            throw new IllegalArgumentException("prefix length /" + prefix + " is longer than " + max + " bits in "
                    + printable(text));
        }
        IPAddress block = base.withoutPrefixLength().toPrefixBlock(prefix);
        if (block.isIPv6() && prefix >= MAPPED_PREFIX && block.toIPv6().getLower().isIPv4Mapped()) {
            IPv6Address lower = block.toIPv6().getLower();
            return lower.getEmbeddedIPv4Address().withoutPrefixLength().toPrefixBlock(prefix - MAPPED_PREFIX);
        }
        return block;
    }

    /** Whether {@code text} is acceptable to {@link #parseAddress}. */
    public static boolean isAddress(String text) {
        try {
            parseAddress(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static IPAddress literal(String s, String original) {
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = !v4 && s.indexOf(':') >= 0 && IPV6.matcher(s).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + printable(original));
        }
        IPAddress a = new IPAddressString(s).getAddress();
        if (a == null || a.isMultiple()) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + printable(original));
        }
        return a.withoutPrefixLength();
    }

    private static IPAddress normalize(IPAddress a) {
        if (a.isIPv6()) {
            IPv6Address v6 = a.toIPv6().removeZone();
            return v6.isIPv4Mapped() ? v6.getEmbeddedIPv4Address() : v6;
        }
        return a;
    }

    private static int prefixLength(String bits, String original) {
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a prefix length after '/': " + printable(original));
        }
        return Integer.parseInt(bits);
    }

    /** Client text, shortened and without control characters, safe for messages and logs. */
    static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
