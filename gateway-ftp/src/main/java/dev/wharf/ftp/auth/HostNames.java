package dev.wharf.ftp.auth;

import dev.wharf.core.session.TenantResolver;
import dev.wharf.ftp.control.ControlConnectionFilter;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.mina.filter.ssl.SslFilter;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/** The host name that names the session's tenant: TLS SNI when it names a site, else the name sent with HOST. */
final class HostNames {
    private HostNames() {
    }

    /** @return the host name, or null when neither SNI nor HOST named a site */
    static String of(FtpIoSession session, TenantResolver tenants) {
        String sni = sni(session);
        // SNI often carries a name that is not a site (localhost, a load balancer's name): then HOST or the user decide
        if (sni != null && tenants.tenantOfHost(sni) != null) {
            return sni;
        }
        return (String) session.getAttribute(ControlConnectionFilter.HOST_NAME);
    }

    private static String sni(FtpIoSession session) {
        if (!(session.getAttribute(SslFilter.SSL_SECURED) instanceof SSLSession tls)
                || !(tls instanceof ExtendedSSLSession extended)) {
            return null;
        }
        try {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        } catch (UnsupportedOperationException e) {
            return null;
        }
        return null;
    }
}
