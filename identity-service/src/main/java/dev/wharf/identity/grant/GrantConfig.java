package dev.wharf.identity.grant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How identity-service signs session grants ({@code wharf.identity.grants.*}, {@code WHARF_IDENTITY_GRANTS_*}). */
@ConfigMapping(prefix = "wharf.identity.grants")
public interface GrantConfig {
    /**
     * PEM files with Ed25519 private keys (PKCS#8); the first signs, every one is published for verification, so
     * a rotation adds the new key first and drops the old one a lifetime later. Unset: a key made at start, which
     * only works with one replica (the log says so).
     */
    Optional<List<Path>> signingKeyFiles();

    /** How long one grant is accepted; the gateways renew before it runs out. */
    @WithDefault("PT5M")
    Duration lifetime();

    /** How long after a login its grants are still renewed: the longest a session can work with storage. */
    @WithDefault("PT24H")
    Duration maxSession();
}
