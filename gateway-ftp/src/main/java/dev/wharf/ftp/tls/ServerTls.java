package dev.wharf.ftp.tls;

import org.apache.ftpserver.ssl.ClientAuth;
import org.apache.ftpserver.ssl.SslConfiguration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The server side of FTPS: TLS 1.3 and 1.2 only, forward-secret AEAD cipher suites only, for the control
 * connections (this class) and the data connections ({@link #forDataConnections()}).
 *
 * <p>Data connections use a second {@link SSLContext} with the same key that sends no TLS 1.3 session tickets:
 * clients never read an upload connection, and OpenSSL-based ones (curl before 8.x and others) then close it with
 * the unread ticket pending, which makes their kernel reset the connection and lose the end of the file. JSSE
 * sends no ticket when the session lifetime exceeds the 7 days RFC 8446 allows for tickets; that is how tickets
 * are turned off there without turning them off JVM-wide. The price: a data connection cannot resume the control
 * connection's TLS 1.3 session (it makes a full handshake).
 */
public final class ServerTls implements SslConfiguration {
    /** Newest first: JSSE lets the server's order win for TLS 1.2. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3 suites, then ECDHE + AEAD suites for TLS 1.2 (no CBC, no RSA key exchange, no SHA-1 MACs). */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final SSLContext context;
    private final SSLContext controlContext;
    private final CertificateStore store;
    private final SniKeyManager keys;
    private final String[] protocols;
    private final String[] cipherSuites;

    private ServerTls(SSLContext context, SSLContext controlContext, CertificateStore store, SniKeyManager keys) {
        this.context = context;
        this.controlContext = controlContext;
        this.store = store;
        this.keys = keys;
        // asked of an SSLEngine, not the context: the context would create an SSLSocket, which freezes JSSE's
        // socket settings before FtpGateway.start() can set com.sun.net.ssl.requireCloseNotify
        javax.net.ssl.SSLEngine probe = context.createSSLEngine();
        Set<String> supportedProtocols = Set.of(probe.getSupportedProtocols());
        Set<String> supportedSuites = Set.of(probe.getSupportedCipherSuites());
        this.protocols = PROTOCOLS.stream().filter(supportedProtocols::contains).toArray(String[]::new);
        this.cipherSuites = CIPHER_SUITES.stream().filter(supportedSuites::contains).toArray(String[]::new);
        if (protocols.length == 0 || cipherSuites.length == 0) {
            throw new TlsSetupException("this JDK supports none of " + PROTOCOLS + " or none of " + CIPHER_SUITES);
        }
    }

    /**
     * Loads the PEM files named by the configuration (the platform certificate and the custom-domain folder) and
     * re-reads them when they change ({@code wharf.tls.reload-interval}).
     */
    public static ServerTls load(TlsConfig config) {
        return of(CertificateStore.watching(config.certificate(), config.privateKey(), config.sniCertificatesDir(),
                config.reloadInterval()));
    }

    /** One fixed certificate (tests, tools). */
    public static ServerTls of(PemKeyMaterial material) {
        return of(CertificateStore.fixed(material));
    }

    public static ServerTls of(CertificateStore store) {
        try {
            KeyManager[] keys = {new SniKeyManager(store)};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, null, new SecureRandom());
            return new ServerTls(context, context, store, (SniKeyManager) keys[0]);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    public SSLContext context() {
        return context;
    }

    /** The same key and settings; control connections' handshakes follow {@code policy} (ALPN, SNI). */
    public ServerTls withHandshakePolicy(HandshakePolicy policy) {
        return new ServerTls(context, new PolicySslContext(context, policy), store, keys);
    }

    /** Whether a custom-domain certificate covers {@code host} (such SNI names are accepted). */
    public boolean hasCertificateFor(String host) {
        return keys.hasCertificateFor(host.toLowerCase(java.util.Locale.ROOT));
    }

    /** When the first certificate served now stops being valid (the expiry metric and alert). */
    public java.time.Instant earliestExpiry() {
        return store.earliestExpiry();
    }

    /** Re-reads the certificate files now if they changed (the watcher does this every reload interval). */
    public void reloadIfChanged() {
        store.reloadIfChanged();
    }

    /** Stops watching the certificate files. */
    public void close() {
        store.close();
    }

    /**
     * The configuration of FTP data connections: the control connections' context (so sessions resume), no TLS 1.3
     * session tickets, graceful TLS 1.3 close.
     */
    public SslConfiguration forDataConnections() {
        ServerTls control = this;
        return new SslConfiguration() {
            @Override
            public SSLSocketFactory getSocketFactory() {
                return new DataSocketFactory(context.getSocketFactory());
            }

            @Override
            public SSLContext getSSLContext() {
                return context;
            }

            @Override
            public SSLContext getSSLContext(String protocol) {
                return context;
            }

            @Override
            public String[] getEnabledCipherSuites() {
                return control.getEnabledCipherSuites();
            }

            @Override
            public String getEnabledProtocol() {
                return control.getEnabledProtocol();
            }

            @Override
            public String[] getEnabledProtocols() {
                return control.getEnabledProtocols();
            }

            @Override
            public ClientAuth getClientAuth() {
                return ClientAuth.NONE;
            }
        };
    }

    @Override
    public SSLSocketFactory getSocketFactory() {
        return context.getSocketFactory();
    }

    @Override
    public SSLContext getSSLContext() {
        return controlContext;
    }

    @Override
    public SSLContext getSSLContext(String protocol) {
        // one context for every connection: the protocol versions are restricted by getEnabledProtocols
        return controlContext;
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return cipherSuites.clone();
    }

    @Override
    public String getEnabledProtocol() {
        return protocols[0];
    }

    @Override
    public String[] getEnabledProtocols() {
        return protocols.clone();
    }

    @Override
    public ClientAuth getClientAuth() {
        return ClientAuth.NONE;
    }

    @Override
    public String toString() {
        return "ServerTls" + Arrays.toString(protocols);
    }
}
