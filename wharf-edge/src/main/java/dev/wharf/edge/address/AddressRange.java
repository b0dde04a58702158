package dev.wharf.edge.address;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * One CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or single address, as an administrator wrote it.
 * Strict: the address part is an {@link Addresses} literal (so {@code 10.1} and {@code 10.0/16} are refused, never
 * guessed), the prefix is decimal and at most the family's bit count, blanks around the entry are ignored, host
 * bits below the prefix are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). An IPv4-mapped IPv6 range
 * ({@code ::ffff:10.0.0.0/104}) is the IPv4 range it maps ({@code 10.0.0.0/8}).
 *
 * @param network the network address, host bits cleared (4 or 16 bytes)
 * @param prefix  the prefix length in bits
 */
public record AddressRange(byte[] network, int prefix) {
    private static final int MAPPED_BITS = 96;

    public AddressRange {
        network = mask(network, prefix);
    }

    /** Parses one entry; throws {@link IllegalArgumentException} with a printable message when it is not a range. */
    public static AddressRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address range is required");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        String literal = slash < 0 ? s : s.substring(0, slash);
        if (literal.indexOf('%') >= 0) {
            throw new IllegalArgumentException("a range has no zone: " + Addresses.printable(text));
        }
        byte[] bytes = Addresses.literal(literal, text).getAddress();
        if (slash < 0) {
            return new AddressRange(bytes, bytes.length * 8);
        }
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a prefix length after '/': " + Addresses.printable(text));
        }
        int prefix = Integer.parseInt(bits);
        // a mapped literal was folded to 4 bytes: its prefix counts IPv6 bits
        boolean mapped = bytes.length == 4 && literal.indexOf(':') >= 0;
        int max = mapped ? 128 : bytes.length * 8;
        if (prefix > max) {
            throw new IllegalArgumentException("prefix length /" + prefix + " is longer than " + max + " bits in "
                    + Addresses.printable(text));
        }
        if (mapped) {
            if (prefix < MAPPED_BITS) {
                throw new IllegalArgumentException("an IPv4-mapped range needs a prefix of at least /96: "
                        + Addresses.printable(text));
            }
            prefix -= MAPPED_BITS;
        }
        return new AddressRange(bytes, prefix);
    }

    /** Whether {@code address} (IPv4-mapped IPv6 folded first) lies in this range; other families never do. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = Addresses.fold(address).getAddress();
        return a.length == network.length && Arrays.equals(mask(a, prefix), network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        if (bytes.length != 4 && bytes.length != 16 || prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("not a range: " + bytes.length + " bytes /" + prefix);
        }
        byte[] m = bytes.clone();
        for (int i = 0; i < m.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            m[i] &= (byte) (0xff << (8 - keep));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** {@code network/prefix} in the JDK's notation. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            return Arrays.toString(network) + "/" + prefix;
        }
    }
}
