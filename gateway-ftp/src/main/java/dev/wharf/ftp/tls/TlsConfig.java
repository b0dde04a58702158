package dev.wharf.ftp.tls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The certificate the FTPS listeners present (explicit and implicit TLS, control and data connections). */
@ConfigMapping(prefix = "wharf.tls")
public interface TlsConfig {
    /** PEM file with the certificate chain, leaf first (WHARF_TLS_CERTIFICATE); required. */
    Path certificate();

    /** PEM file with the leaf's private key, unencrypted PKCS#8, EC or RSA (WHARF_TLS_PRIVATE_KEY); required. */
    Path privateKey();

    /**
     * Folder of custom-domain certificates, chosen by SNI: {@code <name>.crt} + {@code <name>.key}, or sub-folders
     * with {@code tls.crt} + {@code tls.key} (Kubernetes TLS secrets); unset = the platform certificate only.
     */
    Optional<Path> sniCertificatesDir();

    /** How often the certificate files are checked for changes and re-read; 0 = never (WHARF_TLS_RELOAD_INTERVAL). */
    @WithDefault("PT1M")
    Duration reloadInterval();
}
