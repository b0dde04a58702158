package dev.wharf.core.session;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Splits what a client presented into tenant and local user name.
 *
 * <p>Order (ARCHITECTURE.md): a host name the protocol gave (TLS SNI, FTP HOST), then a host-qualified user
 * name ({@code alice@acme.files.example.com}), then the configured default tenant. A qualified name under the
 * base domain names its tenant by the first label; a tenant's own host name ({@code ftp.acme.com}, a site setting)
 * names that tenant; any other qualified name is kept whole as the user name.
 */
public final class TenantResolver {
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    // only something that can be a DNS name is looked up (never an address literal or a user's stray text)
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private final String baseDomain;
    private final String defaultTenant;
    private final Function<String, Optional<String>> ownHostnames;

    /** @param baseDomain e.g. {@code files.example.com}; @param defaultTenant used when nothing names one, may be null */
    public TenantResolver(String baseDomain, String defaultTenant) {
        this(baseDomain, defaultTenant, host -> Optional.empty());
    }

    /**
     * @param ownHostnames the tenant whose own host name this is (identity-service knows the site settings), for
     *                     names outside the base domain; must not throw
     */
    public TenantResolver(String baseDomain, String defaultTenant, Function<String, Optional<String>> ownHostnames) {
        this.baseDomain = baseDomain == null ? "" : baseDomain.toLowerCase(Locale.ROOT);
        this.defaultTenant = defaultTenant;
        this.ownHostnames = ownHostnames;
    }

    /** The same resolution with another default tenant (SFTP: a tenant per listening address). */
    public TenantResolver withDefaultTenant(String tenant) {
        return new TenantResolver(baseDomain, tenant, ownHostnames);
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

    /**
     * The tenant a host name belongs to: {@code acme} for {@code acme.<base domain>}, the tenant that made it its own
     * host name, else null.
     */
    public String tenantOfHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!baseDomain.isEmpty() && h.endsWith("." + baseDomain)) {
            String label = h.substring(0, h.length() - baseDomain.length() - 1);
            return TENANT_ID.matcher(label).matches() ? label : null;
        }
        if (h.isEmpty() || h.equals(baseDomain) || !HOST_NAME.matcher(h).matches()) {
            return null;
        }
        return ownHostnames.apply(h).orElse(null);
    }

    /** Whether {@code host} is the base domain itself, which names no tenant (gateway-web's operator console). */
    public boolean isBaseDomain(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return !baseDomain.isEmpty() && (h.endsWith(".") ? h.substring(0, h.length() - 1) : h).equals(baseDomain);
    }

    public String defaultTenant() {
        return defaultTenant;
    }
}
