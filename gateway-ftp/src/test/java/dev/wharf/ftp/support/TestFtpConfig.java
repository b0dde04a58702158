package dev.wharf.ftp.support;

import dev.wharf.ftp.server.FtpConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link FtpConfig} for tests: any free ports on loopback, short delays; each {@code with...} returns a copy. */
public final class TestFtpConfig implements FtpConfig, Cloneable {
    private String bindAddress = "127.0.0.1";
    private List<Integer> explicitPorts = List.of(0);
    private List<Integer> implicitPorts = List.of(0);
    private String passivePorts = "0";
    private Optional<String> passiveAddress = Optional.empty();
    private boolean activeEnabled;
    private boolean passiveIpCheck = true;
    private boolean requireProtectedData = true;
    private boolean requireTlsCloseNotify = true;
    // off in tests by default: Commons Net FTPSClient (most tests' client) does not reuse the control session
    private boolean requireTlsSessionReuse = false;
    private Duration idleTimeout = Duration.ofMinutes(1);
    private int maxLoginFailures = 3;
    private Duration loginFailureDelay = Duration.ofMillis(50);
    private int maxLogins = 100;
    private int maxThreads = 32;
    private int maxConnections;
    private int maxConnectionsPerAddress;
    private Optional<List<String>> trustedProxies = Optional.empty();
    private boolean proxyRequired = true;
    private Duration proxyHeaderTimeout = Duration.ofSeconds(2);
    private Duration dataTimeout = Duration.ofSeconds(10);
    private Duration loginTimeout = Duration.ofMinutes(1);
    private int maxUnauthenticated;
    private Duration shutdownDeadline = Duration.ofSeconds(5);
    private boolean refuseUnknownSni = true;
    private Optional<List<String>> sniNames = Optional.empty();

    /** One explicit and one implicit listener on free loopback ports, passive ports chosen by the OS. */
    public static TestFtpConfig loopback() {
        return new TestFtpConfig();
    }

    private TestFtpConfig with(Consumer<TestFtpConfig> change) {
        try {
            TestFtpConfig copy = (TestFtpConfig) clone();
            change.accept(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public TestFtpConfig withPorts(List<Integer> explicit, List<Integer> implicit) {
        return with(c -> {
            c.explicitPorts = explicit;
            c.implicitPorts = implicit;
        });
    }

    public TestFtpConfig withPassiveAddress(String address) {
        return with(c -> c.passiveAddress = Optional.of(address));
    }

    public TestFtpConfig withMaxLoginFailures(int n) {
        return with(c -> c.maxLoginFailures = n);
    }

    public TestFtpConfig withIdleTimeout(Duration timeout) {
        return with(c -> c.idleTimeout = timeout);
    }

    public TestFtpConfig withConnectionLimits(int total, int perAddress) {
        return with(c -> {
            c.maxConnections = total;
            c.maxConnectionsPerAddress = perAddress;
        });
    }

    public TestFtpConfig withProxyProtocol(List<String> trusted, boolean required) {
        return with(c -> {
            c.trustedProxies = Optional.of(trusted);
            c.proxyRequired = required;
        });
    }

    public TestFtpConfig withActiveEnabled(boolean enabled) {
        return with(c -> c.activeEnabled = enabled);
    }

    /** wharf.ftp.require-tls-session-reuse (production default true; off in {@link #loopback()} for Commons Net) */
    public TestFtpConfig withTlsSessionReuse(boolean required) {
        return with(c -> c.requireTlsSessionReuse = required);
    }

    /** Passive ports, e.g. {@code 40000-40001}. */
    public TestFtpConfig withPassivePorts(String ports) {
        return with(c -> c.passivePorts = ports);
    }

    public TestFtpConfig withDataTimeout(Duration timeout) {
        return with(c -> c.dataTimeout = timeout);
    }

    public TestFtpConfig withLoginTimeout(Duration timeout) {
        return with(c -> c.loginTimeout = timeout);
    }

    public TestFtpConfig withMaxUnauthenticated(int n) {
        return with(c -> c.maxUnauthenticated = n);
    }

    public TestFtpConfig withSni(boolean refuseUnknown, List<String> extraNames) {
        return with(c -> {
            c.refuseUnknownSni = refuseUnknown;
            c.sniNames = Optional.of(extraNames);
        });
    }

    public TestFtpConfig withShutdownDeadline(Duration deadline) {
        return with(c -> c.shutdownDeadline = deadline);
    }

    @Override public String bindAddress() { return bindAddress; }
    @Override public List<Integer> explicitPorts() { return explicitPorts; }
    @Override public List<Integer> implicitPorts() { return implicitPorts; }
    @Override public String passivePorts() { return passivePorts; }
    @Override public Optional<String> passiveAddress() { return passiveAddress; }
    @Override public boolean activeEnabled() { return activeEnabled; }
    @Override public boolean passiveIpCheck() { return passiveIpCheck; }
    @Override public boolean requireProtectedData() { return requireProtectedData; }
    @Override public boolean requireTlsCloseNotify() { return requireTlsCloseNotify; }
    @Override public boolean requireTlsSessionReuse() { return requireTlsSessionReuse; }
    @Override public Duration idleTimeout() { return idleTimeout; }
    @Override public int maxLoginFailures() { return maxLoginFailures; }
    @Override public Duration loginFailureDelay() { return loginFailureDelay; }
    @Override public int maxLogins() { return maxLogins; }
    @Override public int maxThreads() { return maxThreads; }
    @Override public int maxConnections() { return maxConnections; }
    @Override public int maxConnectionsPerAddress() { return maxConnectionsPerAddress; }
    @Override public Duration dataTimeout() { return dataTimeout; }
    @Override public Duration loginTimeout() { return loginTimeout; }
    @Override public int maxUnauthenticated() { return maxUnauthenticated; }
    @Override public Optional<String> unauthenticatedEarlyDrop() { return Optional.empty(); } // hard cap: exact counts
    @Override public Duration shutdownDeadline() { return shutdownDeadline; }
    @Override public boolean refuseUnknownSni() { return refuseUnknownSni; }
    @Override public Optional<List<String>> sniNames() { return sniNames; }

    @Override
    public ProxyProtocolConfig proxyProtocol() {
        Optional<List<String>> trusted = trustedProxies;
        boolean required = proxyRequired;
        Duration timeout = proxyHeaderTimeout;
        return new ProxyProtocolConfig() {
            @Override public Optional<List<String>> trustedCidrs() { return trusted; }
            @Override public boolean required() { return required; }
            @Override public Duration headerTimeout() { return timeout; }
        };
    }
}
