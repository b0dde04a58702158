package dev.wharf.sftp.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the SFTP endpoint (prefix {@code wharf.sftp}, e.g. env {@code WHARF_SFTP_PORT}). */
@ConfigMapping(prefix = "wharf.sftp")
public interface SftpConfig {
    /** Address the SSH listener binds to: loopback locally, 0.0.0.0 in a cluster. */
    @WithDefault("127.0.0.1")
    String bindAddress();

    /** TCP port of the SSH listener; 0 picks a free port (tests). */
    @WithDefault("2222")
    int port();

    /**
     * A second TCP port of the same listener, for users behind firewalls that block the first (the architecture's
     * 22 and one alternate); 0 picks a free port (tests), -1 listens on {@link #port()} only.
     */
    @WithDefault("2022")
    int alternatePort();

    /** Folder holding the host keys; missing keys are generated there once, present keys are always reused. */
    @WithDefault("./data/ssh")
    String hostKeyDir();

    /** Key exchange algorithms in order of preference; unsupported ones (PQ hybrids without Bouncy Castle) are skipped. */
    @WithDefault("mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,"
            + "curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521")
    List<String> kexAlgorithms();

    /** Ciphers in order of preference. */
    @WithDefault("chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,"
            + "aes128-ctr")
    List<String> ciphers();

    /** MACs in order of preference (AEAD ciphers above need none). */
    @WithDefault("hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512")
    List<String> macs();

    /** Host key signature algorithms offered, in order of preference (no SHA-1 {@code ssh-rsa}). */
    @WithDefault("ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256")
    List<String> hostKeyAlgorithms();

    /** A session with no traffic for this long is closed; any client message (keepalives too) counts as traffic. */
    @WithDefault("PT60S")
    Duration idleTimeout();

    /** A client must finish authenticating within this time after connecting (OpenSSH's LoginGraceTime). */
    @WithDefault("PT60S")
    Duration loginGraceTime();

    /** Failed authentication attempts per connection before it is closed (OpenSSH's MaxAuthTries is 6). */
    @WithDefault("6")
    int maxAuthAttempts();

    /** Connections not yet authenticated, in total on this replica; more are refused (OpenSSH's MaxStartups full). */
    @WithDefault("30")
    int maxStartups();

    /**
     * OpenSSH's MaxStartups {@code start:rate} before {@link #maxStartups()}: from {@code start} connections logging
     * in, new ones are dropped at random, {@code rate}% rising to all at {@code max-startups}; blank = hard cap.
     */
    @WithDefault("20:30")
    Optional<String> startupsEarlyDrop();

    /**
     * Connections not yet authenticated from one client address; more are refused. 20, the early drop's start: an
     * office's 16 simultaneous logins behind one address pass (OpenSSH has no such cap by default).
     */
    @WithDefault("20")
    int maxStartupsPerAddress();

    /** Connections (authenticated or not) from one client address; more are refused. */
    @WithDefault("50")
    int maxSessionsPerAddress();

    /**
     * SFTP channels open at once in one SSH session (OpenSSH's MaxSessions is 10); each costs one thread while
     * open, so this bounds a session's threads. More are refused with a channel-open failure.
     */
    @WithDefault("10")
    int maxChannelsPerSession();

    /**
     * Open file and folder handles per SFTP channel; the next open is refused with {@code SSH_FX_FAILURE},
     * reason {@code limit_reached}. A session holds at most this times {@link #maxChannelsPerSession()}.
     */
    @WithDefault("64")
    int maxOpenHandles();

    /** How long open sessions may finish their transfers at shutdown before they are closed. */
    @WithDefault("PT30S")
    Duration shutdownDeadline();

    /**
     * Tenants by the address the client connected to (the local address, or the PROXY header's destination), as
     * {@code address=tenant} entries, e.g. {@code 10.0.0.5=acme}; consulted after a host-qualified user name and
     * before the default tenant.
     */
    Optional<List<String>> tenantAddresses();

    /** PROXY protocol (v1 and v2) from load balancers. */
    ProxyProtocol proxyProtocol();

    /** PROXY protocol settings ({@code wharf.sftp.proxy-protocol.*}). */
    interface ProxyProtocol {
        /** Address ranges (CIDR) of the balancers whose PROXY headers are believed; empty = PROXY protocol off. */
        Optional<List<String>> trustedCidrs();

        /** Whether a connection from a trusted range must start with a PROXY header (else it is closed). */
        @WithDefault("true")
        boolean required();
    }
}
