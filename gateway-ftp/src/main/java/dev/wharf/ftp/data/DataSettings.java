package dev.wharf.ftp.data;

import dev.wharf.edge.proxy.TrustedProxies;
import dev.wharf.ftp.session.RefusalAudit;
import org.apache.ftpserver.ssl.SslConfiguration;

import java.time.Duration;

/**
 * How data connections are made.
 *
 * @param proxy          PROXY protocol on passive data connections (same trusted balancers as control connections)
 * @param passiveIpCheck whether a passive data connection must come from the control connection's real client
 * @param activeEnabled  whether PORT/EPRT are allowed
 * @param dataTimeout    how long a passive port waits for the client to connect (then 425)
 * @param idleTimeout    how long a data connection may stall mid-transfer
 * @param ssl            TLS of protected data connections
 * @param transfers      the replica's count of open data connections (for graceful shutdown)
 * @param requireTlsSessionReuse whether a TLS data connection must resume the control connection's TLS session
 * @param refusals       audits refused data connections
 */
public record DataSettings(TrustedProxies proxy, boolean passiveIpCheck, boolean activeEnabled, Duration dataTimeout,
                           Duration idleTimeout, SslConfiguration ssl, Transfers transfers,
                           boolean requireTlsSessionReuse, RefusalAudit refusals) {
}
