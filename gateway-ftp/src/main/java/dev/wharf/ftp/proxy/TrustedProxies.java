package dev.wharf.ftp.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Address ranges (CIDR, or single addresses) of the load balancers whose PROXY protocol headers are believed. */
public final class TrustedProxies {
    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;
    private final List<String> text;

    private TrustedProxies(List<Range> ranges, List<String> text) {
        this.ranges = ranges;
        this.text = text;
    }

    /** Parses ranges such as {@code 10.0.0.0/8}, {@code 192.0.2.10}, {@code fd00::/8}; blank entries are skipped. */
    public static TrustedProxies parse(List<String> cidrs) {
        List<Range> ranges = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (String raw : cidrs) {
            String cidr = raw.trim();
            if (cidr.isEmpty()) {
                continue;
            }
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!address.contains(":") && !address.matches("\\d{1,3}(?:\\.\\d{1,3}){3}")) {
                throw new IllegalArgumentException("wharf.ftp.proxy-protocol.trusted-cidrs: '" + cidr
                        + "' is not an address or CIDR range (names are not resolved)");
            }
            try {
                byte[] network = InetAddress.getByName(address).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("wharf.ftp.proxy-protocol.trusted-cidrs: bad prefix in '"
                            + cidr + "'");
                }
                ranges.add(new Range(network, prefix));
                text.add(cidr);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("wharf.ftp.proxy-protocol.trusted-cidrs: '" + cidr
                        + "' is not an address or CIDR range", e);
            }
        }
        return new TrustedProxies(List.copyOf(ranges), List.copyOf(text));
    }

    /** True when no range is configured: PROXY protocol is off. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    @Override
    public String toString() {
        return String.join(",", text);
    }
}
