package dev.wharf.identity.user;

import dev.wharf.edge.address.AddressRanges;

/**
 * Checks that an administrator's address range is one policy-service will match: wharf-edge's one range syntax (a
 * dotted-quad IPv4 or an IPv6 literal, optionally with a prefix length). Host names, wildcards, ranges and short
 * forms such as {@code 10.1} are refused here rather than silently matching nothing later.
 */
public final class CidrSyntax {
    private CidrSyntax() {
    }

    public static boolean isValid(String s) {
        return AddressRanges.isRange(s);
    }
}
