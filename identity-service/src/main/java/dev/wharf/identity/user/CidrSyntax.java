package dev.wharf.identity.user;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.regex.Pattern;

/**
 * Checks that an administrator's address range is one policy-service will match: a dotted-quad IPv4 or an IPv6
 * literal, optionally with a prefix length. Host names, wildcards, ranges and short forms such as {@code 10.1} are
 * refused here rather than silently matching nothing later.
 */
public final class CidrSyntax {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    private CidrSyntax() {
    }

    public static boolean isValid(String s) {
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !IPV6.matcher(s).matches()) {
            return false;
        }
        IPAddress a = new IPAddressString(s).getAddress();
        if (a == null || a.isIPv4() != v4) {
            return false;
        }
        int slash = s.indexOf('/');
        return slash < 0 || Integer.parseInt(s.substring(slash + 1)) <= a.getBitCount();
    }
}
