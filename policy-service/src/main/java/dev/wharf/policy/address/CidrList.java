package dev.wharf.policy.address;

import dev.wharf.edge.address.AddressRanges;
import inet.ipaddr.IPAddress;

import java.util.List;

/**
 * A set of address ranges as an administrator wrote them, matched by wharf-edge's {@link AddressRanges}. Entries
 * that do not parse match nothing (fail closed) and are reported by {@link #invalid()} so that the caller can log
 * them.
 */
public final class CidrList {
    private final AddressRanges ranges;

    private CidrList(AddressRanges ranges) {
        this.ranges = ranges;
    }

    /** Parses each entry; blank entries are skipped. */
    public static CidrList of(List<String> entries) {
        return new CidrList(AddressRanges.lenient(entries));
    }

    /** Whether no entry was written at all (not even an invalid one): then nothing is restricted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(IPAddress address) {
        return ranges.contains(IpAddresses.toInet(address));
    }

    public List<String> invalid() {
        return ranges.invalid();
    }
}
