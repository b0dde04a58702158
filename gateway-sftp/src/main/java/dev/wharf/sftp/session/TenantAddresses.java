package dev.wharf.sftp.session;

import dev.wharf.edge.address.Addresses;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tenants by the address a client connected to ({@code wharf.sftp.tenant-addresses}, entries
 * {@code address=tenant}): a tenant with its own IP address needs no qualified user names.
 */
public final class TenantAddresses {
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<InetAddress, String> tenants;

    private TenantAddresses(Map<InetAddress, String> tenants) {
        this.tenants = Map.copyOf(tenants);
    }

    /** Parses {@code address=tenant} entries; a malformed one stops the gateway at start with its text. */
    public static TenantAddresses parse(List<String> entries) {
        Map<InetAddress, String> m = new HashMap<>();
        for (String raw : entries) {
            String e = raw.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            String addr = eq < 0 ? "" : e.substring(0, eq).strip();
            String tenant = eq < 0 ? "" : e.substring(eq + 1).strip();
            // wharf-edge's one address syntax: a literal, never a name, never a short form such as 10.1
            if (!TENANT_ID.matcher(tenant).matches() || !Addresses.isAddress(addr)) {
                throw new IllegalArgumentException("wharf.sftp.tenant-addresses: '" + e
                        + "' is not address=tenant (an IP address and a tenant id)");
            }
            if (m.put(Addresses.parse(addr), tenant) != null) {
                throw new IllegalArgumentException("wharf.sftp.tenant-addresses: " + addr + " is listed twice");
            }
        }
        return new TenantAddresses(m);
    }

    /** The tenant of this destination, or null. */
    public String tenantFor(InetSocketAddress destination) {
        return destination == null || destination.getAddress() == null ? null
                : tenants.get(Addresses.fold(destination.getAddress()));
    }
}
