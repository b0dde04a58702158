package dev.wharf.identity.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** Public port of SFTP. */
    @WithDefault("2222")
    int sftpPort();

    /** Public port of plain FTP (the explicit-FTPS listener, without AUTH TLS). */
    @WithDefault("2121")
    int ftpPort();

    /** Public port of the web portal (gateway-web, HTTPS); 443 leaves the port out of its addresses. */
    @WithDefault("8443")
    int webPort();
}
