package dev.wharf.ftp.tls;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Picks the server certificate per handshake from the {@link CertificateStore}: the one whose names cover the SNI
 * name the client sent (a tenant's custom domain), else the platform certificate. Reads the store's current snapshot
 * on every handshake, so a reload takes effect for the next connection. Runs in JSSE's handshake tasks: no I/O.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final CertificateStore store;

    SniKeyManager(CertificateStore store) {
        this.store = store;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
    }

    private String choose(String keyType, SSLSession handshake) {
        CertificateStore.Snapshot snapshot = store.current();
        String host = requestedHost(handshake);
        if (host != null) {
            for (CertificateStore.Entry e : snapshot.entries()) {
                if (e != snapshot.platform() && e.covers(host) && fits(e, keyType)) {
                    return e.alias();
                }
            }
        }
        return fits(snapshot.platform(), keyType) ? snapshot.platform().alias() : null;
    }

    private static boolean fits(CertificateStore.Entry e, String keyType) {
        return keyType == null || e.material().privateKey().getAlgorithm().equalsIgnoreCase(keyType);
    }

    private static String requestedHost(SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession ext) {
            for (SNIServerName n : ext.getRequestedServerNames()) {
                if (n.getType() == StandardConstants.SNI_HOST_NAME) {
                    return new SNIHostName(n.getEncoded()).getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertificateStore.Entry e = store.entry(alias);
        return e == null ? null : e.material().chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertificateStore.Entry e = store.entry(alias);
        return e == null ? null : e.material().privateKey();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return store.current().entries().stream().filter(e -> fits(e, keyType)).map(CertificateStore.Entry::alias)
                .toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null; // a server only
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    /** Whether a loaded custom-domain certificate covers {@code host} (such names pass the SNI check). */
    boolean hasCertificateFor(String host) {
        CertificateStore.Snapshot s = store.current();
        return s.entries().stream().anyMatch(e -> e != s.platform() && e.covers(host));
    }
}
