package dev.wharf.identity.sshkey;

/** {@code POST /v1/authenticate/publickey}: a client proved it holds the private key of {@code publicKey}. */
public record PublicKeyAuthenticateRequest(String tenant, String username, String publicKey, String clientIp,
                                           String protocol) {
}
