package dev.wharf.identity.sshkey;

/** Body of an SSH key addition: one line in OpenSSH's format, as in {@code id_ed25519.pub}. */
public record NewSshKey(String publicKey) {
}
