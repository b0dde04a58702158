package dev.wharf.ftp.data;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.ssl.SslConfiguration;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener's data connection settings that count the passive ports taken from this replica's slice, so that a
 * slice running dry shows on a dashboard before PASV answers 421. Every listener's copy shares one counter, as they
 * share one port pool.
 */
public final class PassivePortUsage implements DataConnectionConfiguration {
    private final DataConnectionConfiguration delegate;
    private final AtomicInteger used;

    public PassivePortUsage(DataConnectionConfiguration delegate, AtomicInteger used) {
        this.delegate = delegate;
        this.used = used;
    }

    /** Ports in a passive range specification ({@code 30000-30019,30100}); 0 when open-ended ({@code 0}: any). */
    public static int size(String ports) {
        int total = 0;
        for (String part : ports.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            if (dash < 0) {
                if (Integer.parseInt(p) == 0) {
                    return 0;
                }
                total++;
            } else {
                int from = dash == 0 ? 1 : Integer.parseInt(p.substring(0, dash).trim());
                int to = dash == p.length() - 1 ? 65535 : Integer.parseInt(p.substring(dash + 1).trim());
                total += Math.max(0, to - from + 1);
            }
        }
        return total;
    }

    @Override
    public int requestPassivePort() {
        int port = delegate.requestPassivePort();
        if (port != -1) {
            used.incrementAndGet();
        }
        return port;
    }

    @Override
    public void releasePassivePort(int port) {
        used.decrementAndGet();
        delegate.releasePassivePort(port);
    }

    @Override
    public int getIdleTime() {
        return delegate.getIdleTime();
    }

    @Override
    public boolean isActiveEnabled() {
        return delegate.isActiveEnabled();
    }

    @Override
    public boolean isActiveIpCheck() {
        return delegate.isActiveIpCheck();
    }

    @Override
    public String getActiveLocalAddress() {
        return delegate.getActiveLocalAddress();
    }

    @Override
    public int getActiveLocalPort() {
        return delegate.getActiveLocalPort();
    }

    @Override
    public String getPassiveAddress() {
        return delegate.getPassiveAddress();
    }

    @Override
    public String getPassiveExernalAddress() {
        return delegate.getPassiveExernalAddress();
    }

    @Override
    public String getPassivePorts() {
        return delegate.getPassivePorts();
    }

    @Override
    public boolean isPassiveIpCheck() {
        return delegate.isPassiveIpCheck();
    }

    @Override
    public SslConfiguration getSslConfiguration() {
        return delegate.getSslConfiguration();
    }

    @Override
    public boolean isImplicitSsl() {
        return delegate.isImplicitSsl();
    }
}
