package dev.wharf.policy.address;

import inet.ipaddr.IPAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of address ranges as an administrator wrote them. Entries that do not parse match nothing (fail closed) and
 * are reported by {@link #invalid()} so that the caller can log them.
 */
public final class CidrList {
    private final List<IPAddress> ranges;
    private final List<String> invalid;

    private CidrList(List<IPAddress> ranges, List<String> invalid) {
        this.ranges = List.copyOf(ranges);
        this.invalid = List.copyOf(invalid);
    }

    /** Parses each entry; blank entries are skipped. */
    public static CidrList of(List<String> entries) {
        List<IPAddress> ranges = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (entries != null) {
            for (String e : entries) {
                if (e == null || e.isBlank()) {
                    continue;
                }
                try {
                    ranges.add(IpAddresses.parseRange(e));
                } catch (IllegalArgumentException ex) {
                    invalid.add(IpAddresses.printable(e));
                }
            }
        }
        return new CidrList(ranges, invalid);
    }

    /** Whether no entry was written at all (not even an invalid one): then nothing is restricted. */
    public boolean isEmpty() {
        return ranges.isEmpty() && invalid.isEmpty();
    }

    public boolean contains(IPAddress address) {
        for (IPAddress r : ranges) {
            if (r.getIPVersion() == address.getIPVersion() && r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public List<String> invalid() {
        return invalid;
    }
}
