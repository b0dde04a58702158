package dev.wharf.ftp.tls;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;

/** The certificate the FTPS listeners present (explicit and implicit TLS, control and data connections). */
@ConfigMapping(prefix = "wharf.tls")
public interface TlsConfig {
    /** PEM file with the certificate chain, leaf first (WHARF_TLS_CERTIFICATE); required. */
    Path certificate();

    /** PEM file with the leaf's private key, unencrypted PKCS#8, EC or RSA (WHARF_TLS_PRIVATE_KEY); required. */
    Path privateKey();
}
