package dev.wharf.tenancy;

/** The Keycloak user attributes Wharf keeps, and the access-token claims they are mapped to. */
public final class UserAttributes {
    /** Home folder, absolute inside the tenant's namespace; default {@code /<username>}. */
    public static final String HOME = "wharf.home";
    /** Allowed protocols, comma-separated wire names; absent = no user-level restriction. */
    public static final String PROTOCOLS = "wharf.protocols";
    /** Allowed client address ranges (CIDR), comma-separated; absent = any address. */
    public static final String CIDRS = "wharf.cidrs";

    /** How the user may log in with a password: absent or {@code password}, or {@code none} (keys only). */
    public static final String AUTH_METHOD = "wharf.authMethod";
    /** {@link #AUTH_METHOD} value: password logins refused ({@code password_login_not_allowed}). */
    public static final String AUTH_NONE = "none";
    /** {@link #AUTH_METHOD} value and default: password logins allowed. */
    public static final String AUTH_PASSWORD = "password";
    /**
     * Folder rules, one per value, spelled {@code <permissions> <path>} ({@link dev.wharf.core.access.AccessRule}):
     * on a user its own rules, on a group the rules of its members. Absent: full access to the home folder.
     */
    public static final String ACCESS = "wharf.access";
    /**
     * Shared folders mounted in the view, one per value, spelled {@code <folder> <permissions> <path>}
     * ({@link dev.wharf.core.access.AccessRule#parseMount}): on a user its own mounts, on a group its members'.
     */
    public static final String SHARED = "wharf.shared";
    /** Most bytes the user's home may hold, a whole number; absent: no limit ({@link QuotaAttributes}). */
    public static final String QUOTA_BYTES = "wharf.quotaBytes";
    /** Most files the user's home may hold; absent: no limit. */
    public static final String QUOTA_FILES = "wharf.quotaFiles";
    /** Largest file the user may upload, in bytes; absent: no limit. */
    public static final String MAX_FILE_SIZE = "wharf.maxFileSize";
    /** Most bytes per second the user's uploads take (per session, all uploads together); absent: no limit. */
    public static final String UPLOAD_BYTES_PER_SECOND = "wharf.uploadBytesPerSecond";
    /** Most bytes per second the user's downloads take (per session, all downloads together); absent: no limit. */
    public static final String DOWNLOAD_BYTES_PER_SECOND = "wharf.downloadBytesPerSecond";
    /**
     * The last day the account may log in, ISO {@code yyyy-mm-dd} in UTC; from the next day on its logins are
     * refused ({@code account_expired}). Absent: the account does not expire ({@link AccountLimits}).
     */
    public static final String EXPIRES = "wharf.expires";
    /** Most sessions (FTP, FTPS, SFTP connections) the user may have open at once; absent: no limit. */
    public static final String MAX_SESSIONS = "wharf.maxSessions";
    /** The user's SSH public keys, one OpenSSH line per value (sshkey package). */
    public static final String SSH_KEYS = "wharf.sshkeys";
    /** The user's API key ids and names, one per value, for the login's exact search (apikey package). */
    public static final String API_KEY_INDEX = "wharf.apikeys";
    /** Prefix of the user's API key attributes, one per key (apikey package). */
    public static final String API_KEY_PREFIX = "wharf.apikey.";

    // Claim names without dots: Keycloak reads a dot in a claim name as nesting.
    public static final String HOME_CLAIM = "wharf_home";
    public static final String PROTOCOLS_CLAIM = "wharf_protocols";
    public static final String CIDRS_CLAIM = "wharf_cidrs";
    public static final String GROUPS_CLAIM = "groups";

    private UserAttributes() {
    }

    /** The default home folder of a user. */
    public static String defaultHome(String username) {
        return "/" + username;
    }
}
