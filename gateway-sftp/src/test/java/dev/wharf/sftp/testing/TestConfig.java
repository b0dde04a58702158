package dev.wharf.sftp.testing;

import dev.wharf.sftp.server.SftpConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link SftpConfig} for tests built without Quarkus: the production defaults, a free port and a given key folder;
 * {@code with...} methods give a copy with one setting changed.
 */
public final class TestConfig implements SftpConfig {
    private final String hostKeyDir;
    private final List<String> kexAlgorithms;
    private Duration idleTimeout = Duration.ofMinutes(2);
    private Duration loginGraceTime = Duration.ofSeconds(30);
    private int maxAuthAttempts = 6;
    private int maxStartups = 30;
    private int maxStartupsPerAddress = 10;
    private int maxSessionsPerAddress = 50;
    private Duration shutdownDeadline = Duration.ofSeconds(30);
    private List<String> tenantAddresses;
    private List<String> trustedCidrs;
    private boolean proxyRequired = true;
    private int alternatePort = -1;
    private int maxChannelsPerSession = 10;
    private int maxOpenHandles = 64;

    public TestConfig(String hostKeyDir, List<String> kexAlgorithms) {
        this.hostKeyDir = hostKeyDir;
        this.kexAlgorithms = kexAlgorithms;
    }

    public TestConfig(String hostKeyDir) {
        this(hostKeyDir, List.of("mlkem768x25519-sha256", "sntrup761x25519-sha512",
                "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
                "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521"));
    }

    private TestConfig copy() {
        TestConfig c = new TestConfig(hostKeyDir, kexAlgorithms);
        c.idleTimeout = idleTimeout;
        c.alternatePort = alternatePort;
        c.loginGraceTime = loginGraceTime;
        c.maxAuthAttempts = maxAuthAttempts;
        c.maxStartups = maxStartups;
        c.maxStartupsPerAddress = maxStartupsPerAddress;
        c.maxSessionsPerAddress = maxSessionsPerAddress;
        c.shutdownDeadline = shutdownDeadline;
        c.tenantAddresses = tenantAddresses;
        c.trustedCidrs = trustedCidrs;
        c.proxyRequired = proxyRequired;
        c.maxChannelsPerSession = maxChannelsPerSession;
        c.maxOpenHandles = maxOpenHandles;
        return c;
    }

    /** SFTP channels per SSH session and open handles per channel. */
    public TestConfig withSessionResources(int channels, int handles) {
        TestConfig c = copy();
        c.maxChannelsPerSession = channels;
        c.maxOpenHandles = handles;
        return c;
    }

    @Override
    public int maxChannelsPerSession() {
        return maxChannelsPerSession;
    }

    @Override
    public int maxOpenHandles() {
        return maxOpenHandles;
    }

    public TestConfig withIdleTimeout(Duration v) {
        TestConfig c = copy();
        c.idleTimeout = v;
        return c;
    }

    public TestConfig withLoginGraceTime(Duration v) {
        TestConfig c = copy();
        c.loginGraceTime = v;
        return c;
    }

    public TestConfig withMaxAuthAttempts(int v) {
        TestConfig c = copy();
        c.maxAuthAttempts = v;
        return c;
    }

    /** Startups in total, per address, and sessions per address. */
    public TestConfig withLimits(int startups, int startupsPerAddress, int sessionsPerAddress) {
        TestConfig c = copy();
        c.maxStartups = startups;
        c.maxStartupsPerAddress = startupsPerAddress;
        c.maxSessionsPerAddress = sessionsPerAddress;
        return c;
    }

    public TestConfig withShutdownDeadline(Duration v) {
        TestConfig c = copy();
        c.shutdownDeadline = v;
        return c;
    }

    /** Also listens on a free alternate port. */
    public TestConfig withAlternatePort() {
        TestConfig c = copy();
        c.alternatePort = 0;
        return c;
    }

    public TestConfig withTenantAddresses(String... entries) {
        TestConfig c = copy();
        c.tenantAddresses = List.of(entries);
        return c;
    }

    public TestConfig withProxyProtocol(boolean required, String... trusted) {
        TestConfig c = copy();
        c.trustedCidrs = List.of(trusted);
        c.proxyRequired = required;
        return c;
    }

    @Override
    public String hostKeyDir() {
        return hostKeyDir;
    }

    @Override
    public List<String> kexAlgorithms() {
        return kexAlgorithms;
    }

    @Override
    public Duration idleTimeout() {
        return idleTimeout;
    }

    @Override
    public String bindAddress() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public int alternatePort() {
        return alternatePort;
    }

    @Override
    public List<String> ciphers() {
        return List.of("chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
                "aes256-ctr", "aes192-ctr", "aes128-ctr");
    }

    @Override
    public List<String> macs() {
        return List.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256",
                "hmac-sha2-512");
    }

    @Override
    public List<String> hostKeyAlgorithms() {
        return List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256");
    }

    @Override
    public Duration loginGraceTime() {
        return loginGraceTime;
    }

    @Override
    public int maxAuthAttempts() {
        return maxAuthAttempts;
    }

    @Override
    public int maxStartups() {
        return maxStartups;
    }

    @Override
    public Optional<String> startupsEarlyDrop() {
        return Optional.empty(); // a hard cap: the tests count refusals exactly (wharf-edge tests the dice)
    }

    @Override
    public int maxStartupsPerAddress() {
        return maxStartupsPerAddress;
    }

    @Override
    public int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    @Override
    public Duration shutdownDeadline() {
        return shutdownDeadline;
    }

    @Override
    public Optional<List<String>> tenantAddresses() {
        return Optional.ofNullable(tenantAddresses);
    }

    @Override
    public ProxyProtocol proxyProtocol() {
        List<String> trusted = trustedCidrs;
        boolean required = proxyRequired;
        return new ProxyProtocol() {
            @Override
            public Optional<List<String>> trustedCidrs() {
                return Optional.ofNullable(trusted);
            }

            @Override
            public boolean required() {
                return required;
            }
        };
    }
}
