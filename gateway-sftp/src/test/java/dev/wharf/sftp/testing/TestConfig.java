package dev.wharf.sftp.testing;

import dev.wharf.sftp.server.SftpConfig;

import java.time.Duration;
import java.util.List;

/** {@link SftpConfig} for tests built without Quarkus: the production defaults, a free port and a given key folder. */
public record TestConfig(String hostKeyDir, List<String> kexAlgorithms, Duration idleTimeout) implements SftpConfig {
    public TestConfig(String hostKeyDir, List<String> kexAlgorithms) {
        this(hostKeyDir, kexAlgorithms, Duration.ofMinutes(2));
    }

    /** The same settings with another idle timeout. */
    public TestConfig withIdleTimeout(Duration idle) {
        return new TestConfig(hostKeyDir, kexAlgorithms, idle);
    }

    public TestConfig(String hostKeyDir) {
        this(hostKeyDir, List.of("mlkem768x25519-sha256", "sntrup761x25519-sha512",
                "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
                "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521"));
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
    public Duration authTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public int maxAuthAttempts() {
        return 6;
    }
}
