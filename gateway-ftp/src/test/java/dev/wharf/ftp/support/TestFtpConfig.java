package dev.wharf.ftp.support;

import dev.wharf.ftp.server.FtpConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link FtpConfig} for tests: any free ports on loopback, short delays. */
public record TestFtpConfig(String bindAddress, List<Integer> explicitPorts, List<Integer> implicitPorts,
                            String passivePorts, Optional<String> passiveAddress, boolean activeEnabled,
                            boolean passiveIpCheck, boolean requireProtectedData, boolean requireTlsCloseNotify,
                            Duration idleTimeout, int maxLoginFailures, Duration loginFailureDelay, int maxLogins,
                            int maxThreads, int maxConnections, int maxConnectionsPerAddress)
        implements FtpConfig {

    /** One explicit and one implicit listener on free loopback ports, passive ports chosen by the OS. */
    public static TestFtpConfig loopback() {
        return new TestFtpConfig("127.0.0.1", List.of(0), List.of(0), "0", Optional.empty(), false, true, true, true,
                Duration.ofMinutes(1), 3, Duration.ofMillis(50), 100, 32, 0, 0);
    }

    public TestFtpConfig withPorts(List<Integer> explicit, List<Integer> implicit) {
        return new TestFtpConfig(bindAddress, explicit, implicit, passivePorts, passiveAddress, activeEnabled,
                passiveIpCheck, requireProtectedData, requireTlsCloseNotify, idleTimeout, maxLoginFailures,
                loginFailureDelay, maxLogins, maxThreads, maxConnections, maxConnectionsPerAddress);
    }

    public TestFtpConfig withPassiveAddress(String address) {
        return new TestFtpConfig(bindAddress, explicitPorts, implicitPorts, passivePorts, Optional.of(address),
                activeEnabled, passiveIpCheck, requireProtectedData, requireTlsCloseNotify, idleTimeout,
                maxLoginFailures, loginFailureDelay, maxLogins, maxThreads, maxConnections, maxConnectionsPerAddress);
    }

    public TestFtpConfig withMaxLoginFailures(int n) {
        return new TestFtpConfig(bindAddress, explicitPorts, implicitPorts, passivePorts, passiveAddress,
                activeEnabled, passiveIpCheck, requireProtectedData, requireTlsCloseNotify, idleTimeout, n,
                loginFailureDelay, maxLogins, maxThreads, maxConnections, maxConnectionsPerAddress);
    }

    public TestFtpConfig withIdleTimeout(Duration timeout) {
        return new TestFtpConfig(bindAddress, explicitPorts, implicitPorts, passivePorts, passiveAddress,
                activeEnabled, passiveIpCheck, requireProtectedData, requireTlsCloseNotify, timeout, maxLoginFailures,
                loginFailureDelay, maxLogins, maxThreads, maxConnections, maxConnectionsPerAddress);
    }

    public TestFtpConfig withConnectionLimits(int total, int perAddress) {
        return new TestFtpConfig(bindAddress, explicitPorts, implicitPorts, passivePorts, passiveAddress,
                activeEnabled, passiveIpCheck, requireProtectedData, requireTlsCloseNotify, idleTimeout,
                maxLoginFailures, loginFailureDelay, maxLogins, maxThreads, total, perAddress);
    }
}
