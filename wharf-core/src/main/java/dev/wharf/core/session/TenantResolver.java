package dev.wharf.core.session;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits what a client presented into tenant and local user name.
 *
 * <p>Order (ARCHITECTURE.md): a host name the protocol gave (TLS SNI, FTP HOST), then a host-qualified user
 * name ({@code alice@acme.files.example.com}), then the configured default tenant. A qualified name under the
 * base domain names its tenant by the first label; any other qualified name is kept whole as the user name.
 */
public final class TenantResolver {
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final String baseDomain;
    private final String defaultTenant;

    /** @param baseDomain e.g. {@code files.example.com}; @param defaultTenant used when nothing names one, may be null */
    public TenantResolver(String baseDomain, String defaultTenant) {
        this.baseDomain = baseDomain == null ? "" : baseDomain.toLowerCase(Locale.ROOT);
        this.defaultTenant = defaultTenant;
    }

    /** A resolved login name: tenant may be null when none could be determined. */
    public record Resolved(String tenant, String username) {
    }

    /** @param hostName host name from SNI or FTP HOST, or null */
    public Resolved resolve(String hostName, String loginName) {
        String user = loginName == null ? "" : loginName;
        String fromQualified = null;
        int at = user.lastIndexOf('@');
        if (at > 0) {
            String t = tenantOfHost(user.substring(at + 1));
            if (t != null) {
                fromQualified = t;
                user = user.substring(0, at);
            }
        }
        String fromHost = hostName == null ? null : tenantOfHost(hostName);
        String tenant = fromHost != null ? fromHost : fromQualified != null ? fromQualified : defaultTenant;
        return new Resolved(tenant, user);
    }

    /** The tenant a host name belongs to: {@code acme} for {@code acme.<base domain>}, else null. */
    public String tenantOfHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (baseDomain.isEmpty() || !h.endsWith("." + baseDomain)) {
            return null;
        }
        String label = h.substring(0, h.length() - baseDomain.length() - 1);
        return TENANT_ID.matcher(label).matches() ? label : null;
    }

    public String defaultTenant() {
        return defaultTenant;
    }
}
