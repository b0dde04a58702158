package dev.wharf.ftp.tls;

import dev.wharf.core.session.TenantResolver;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a control connection's TLS handshake must offer (against cross-protocol attacks, ALPACA): ALPN, when the
 * client sends it, must include {@code ftp}; an SNI name, when the client sends one, must name a site, the base
 * domain or one of the configured extra names. Otherwise JSSE ends the handshake with a fatal alert
 * ({@code no_application_protocol}, {@code unrecognized_name}) before any FTP byte is exchanged.
 */
public final class HandshakePolicy {
    static final String ALPN_FTP = "ftp";
    private static final java.util.regex.Pattern ADDRESS_LITERAL =
            java.util.regex.Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|\\[?[0-9a-f:.]*:[0-9a-f:.]*]?");

    private final TenantResolver tenants;
    private final Set<String> extraNames;
    private final boolean refuseUnknownSni;
    private final java.util.function.Predicate<String> certified;

    /**
     * @param extraNames       SNI names accepted besides site names (the balancer's or a vanity name)
     * @param refuseUnknownSni false keeps session 1's behaviour: any SNI name is accepted and ignored
     */
    public HandshakePolicy(TenantResolver tenants, List<String> extraNames, boolean refuseUnknownSni) {
        this(tenants, extraNames, refuseUnknownSni, host -> false);
    }

    /** @param certified whether a custom-domain certificate covers a name (such names are accepted too) */
    public HandshakePolicy(TenantResolver tenants, List<String> extraNames, boolean refuseUnknownSni,
                           java.util.function.Predicate<String> certified) {
        this.certified = certified;
        this.tenants = tenants;
        this.extraNames = extraNames.stream().map(n -> normalise(n.strip())).filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.refuseUnknownSni = refuseUnknownSni;
    }

    /**
     * Whether a client's SNI name may reach this gateway. An address literal names no host (RFC 6066 forbids it, but
     * GnuTLS clients such as lftp send the address the user typed) and is accepted like no SNI at all.
     */
    public boolean acceptsServerName(String name) {
        String n = normalise(name);
        if (ADDRESS_LITERAL.matcher(n).matches()) {
            return true;
        }
        // "x.<name>" is a site host exactly when <name> is the base domain itself (TenantResolver's rule)
        return !refuseUnknownSni || tenants.tenantOfHost(n) != null
                || (tenants.tenantOfHost("x." + n) != null && !n.contains("..")) || extraNames.contains(n)
                || certified.test(n);
    }

    /** Applies the policy to a server engine before its handshake. */
    void apply(SSLEngine engine) {
        SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(new String[]{ALPN_FTP});
        p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName serverName) {
                // runs in JSSE's handshake task: pure string work, no I/O
                return acceptsServerName(new SNIHostName(serverName.getEncoded()).getAsciiName());
            }
        }));
        engine.setSSLParameters(p);
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
