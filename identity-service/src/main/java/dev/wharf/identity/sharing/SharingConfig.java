package dev.wharf.identity.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * The public addresses handed over to users ({@code wharf.identity.sharing.*}, {@code WHARF_IDENTITY_SHARING_*}):
 * what clients connect to from outside, which may differ from the gateways' bind addresses (load balancers).
 */
@ConfigMapping(prefix = "wharf.identity.sharing")
public interface SharingConfig {
    /** A tenant's public host is {@code <tenant>.<base-domain>} unless it has host names of its own. */
    @WithDefault("localhost")
    String baseDomain();

    /** Public port of explicit FTPS (AUTH TLS). */
    @WithDefault("2121")
    int ftpsPort();

    /** Public port of implicit FTPS. */
    @WithDefault("2990")
    int ftpsImplicitPort();

    /**
     * The host handed over for tenants without host names of their own, when one shared name serves every tenant
     * (no wildcard DNS). Unset: {@code <tenant>.<base-domain>}, or {@code 127.0.0.1} when the base domain is
     * {@code localhost} ({@code *.localhost} does not resolve for glibc's resolver, so not for OpenSSH or lftp).
     */
    Optional<String> sharedHost();

    /** Public port of SFTP. */
    @WithDefault("2222")
    int sftpPort();

    /** Public alternate port of SFTP, for users behind firewalls that block the first; 0: none. */
    @WithDefault("2022")
    int sftpAlternatePort();

    /**
     * The gateways' {@code wharf.sftp.tenant-addresses} ({@code address=tenant} entries): a tenant listed here is
     * handed over its own address and plain user names for SFTP, since the address names the tenant.
     */
    Optional<List<String>> sftpTenantAddresses();

    /** Public port of plain FTP (the explicit-FTPS listener, without AUTH TLS). */
    @WithDefault("2121")
    int ftpPort();

    /** Public port of the web portal (gateway-web, HTTPS); 443 leaves the port out of its addresses. */
    @WithDefault("8443")
    int webPort();
}
