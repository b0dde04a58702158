package dev.wharf.web.tls;

import dev.wharf.edge.tls.CertificateFolder;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's own host name gets its own certificate, as on FTPS: with {@code wharf.tls.sni-certificates-dir} (the
 * folder gateway-ftp reads, {@link CertificateFolder}) the HTTPS port serves each certificate there to the names it
 * is valid for (TLS SNI; Vert.x matches the client's server name against each certificate's names) and the
 * platform certificate ({@code wharf.tls.certificate}) to every other name. Read at start: a new tenant
 * certificate needs a restart of the portal (gateway-ftp re-reads its folder; the portal's rolling restart is the
 * chart's way).
 */
@ApplicationScoped
public class SniCertificates implements HttpServerOptionsCustomizer {
    private static final Logger LOG = Logger.getLogger(SniCertificates.class);

    private final Optional<String> certificate;
    private final Optional<String> privateKey;
    private final Optional<String> folder;

    public SniCertificates(@ConfigProperty(name = "wharf.tls.certificate") Optional<String> certificate,
                           @ConfigProperty(name = "wharf.tls.private-key") Optional<String> privateKey,
                           @ConfigProperty(name = "wharf.tls.sni-certificates-dir") Optional<String> folder) {
        this.certificate = certificate.filter(s -> !s.isBlank());
        this.privateKey = privateKey.filter(s -> !s.isBlank());
        this.folder = folder.filter(s -> !s.isBlank());
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (folder.isEmpty() || certificate.isEmpty() || privateKey.isEmpty()) {
            return;
        }
        List<CertificateFolder.Pair> pairs;
        try {
            pairs = CertificateFolder.pairs(Path.of(folder.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("TLS certificate folder " + folder.get() + " unreadable", e);
        }
        if (pairs.isEmpty()) {
            return;
        }
        // the first pair is what a client without SNI, or with a name no certificate covers, gets
        PemKeyCertOptions pem = new PemKeyCertOptions().addCertPath(certificate.get()).addKeyPath(privateKey.get());
        pairs.forEach(p -> pem.addCertPath(p.certificate().toString()).addKeyPath(p.key().toString()));
        options.setKeyCertOptions(pem);
        options.setSni(true);
        LOG.infof("HTTPS: %d custom-domain certificates by SNI from %s: %s", pairs.size(), folder.get(),
                pairs.stream().map(CertificateFolder.Pair::name).toList());
    }
}
