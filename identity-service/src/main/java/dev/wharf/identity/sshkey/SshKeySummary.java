package dev.wharf.identity.sshkey;

/** One SSH public key of a user as the admin API shows it; {@code id} (URL-safe fingerprint) addresses it. */
public record SshKeySummary(String id, String type, int bits, String fingerprint, String comment) {
    static SshKeySummary of(OpenSshKey k) {
        return new SshKeySummary(k.id(), k.type(), k.bits(), k.fingerprint(), k.comment());
    }
}
