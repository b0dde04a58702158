package dev.wharf.policy.address;

import dev.wharf.edge.address.AddressRange;
import dev.wharf.edge.address.Addresses;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

import java.net.InetAddress;

/**
 * policy-service's view of wharf-edge's one address syntax ({@link Addresses}, {@link AddressRange}): literals only
 * (never DNS), IPv4 as dotted quads ({@code 10.1} is refused), IPv4-mapped IPv6 folded into IPv4, returned as the
 * IPAddress values the ban ledger and the GeoIP lookup work with.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** One client address, exactly as a socket reports it (no blanks); a zone suffix ({@code %eth0}) is dropped. */
    public static IPAddress parseAddress(String text) {
        return of(Addresses.parse(text).getAddress(), null);
    }

    /**
     * A CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address, as an administrator wrote it
     * (blanks around it are ignored); host bits are ignored.
     */
    public static IPAddress parseRange(String text) {
        AddressRange r = AddressRange.parse(text);
        return of(r.network(), r.prefix()).toPrefixBlock();
    }

    /** Whether {@code text} is acceptable to {@link #parseAddress}. */
    public static boolean isAddress(String text) {
        return Addresses.isAddress(text);
    }

    /** The JDK address of {@code address}, for wharf-edge's matchers. */
    static InetAddress toInet(IPAddress address) {
        return address.toInetAddress();
    }

    private static IPAddress of(byte[] bytes, Integer prefix) {
        return bytes.length == 4 ? new IPv4Address(bytes, prefix) : new IPv6Address(bytes, prefix);
    }

    /** Client text, shortened and without control characters, safe for messages and logs. */
    static String printable(String s) {
        return Addresses.printable(s);
    }
}
