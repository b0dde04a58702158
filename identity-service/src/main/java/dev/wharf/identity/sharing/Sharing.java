package dev.wharf.identity.sharing;

/**
 * What to hand over to a user for one protocol, the way hosted services show it.
 *
 * @param protocol     {@code sftp}, {@code ftps} (explicit, AUTH TLS), {@code ftps-implicit} or {@code ftp}
 * @param portalUrl    where the user changes the password and sets up 2FA
 * @param instructions one paragraph for people
 */
public record Sharing(String protocol, String host, int port, String username, String portalUrl,
                      String instructions) {
}
