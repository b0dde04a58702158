package dev.wharf.identity.authn;

/** How a login proved who it is: what the site's login requirements look at ({@link AccountRules}). */
public enum LoginMethod {
    /** A password (with a second factor when the user has one), FTP or SFTP. */
    PASSWORD,
    /** An API key as password ({@code @api-<key>}). */
    API_KEY,
    /** An SSH public key. */
    SSH_KEY,
    /** A browser signed in through Keycloak (gateway-web). */
    WEB
}
