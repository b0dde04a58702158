package dev.wharf.tenancy;

/**
 * The realm and group attributes that hold a tenant's site settings (docs/service-api.md "Site settings"):
 * identity-service writes them, policy-service and identity-service read them through {@link SiteSettings}.
 */
public final class RealmAttributes {
    /** Seconds after a 2FA login in which the same user from the same address needs no code. */
    public static final String OTP_GRACE_SECONDS = "wharf.otp.graceSeconds";
    /** Unencrypted FTP allowed ({@code true}/{@code false}). */
    public static final String PLAIN_FTP = "wharf.ftp.plainAllowed";
    /**
     * The site's users may use active FTP, PORT/EPRT ({@code true}/{@code false}; absent: no). Only where the
     * gateway's operator allows active mode at all ({@code wharf.ftp.active-enabled}).
     */
    public static final String ACTIVE_FTP = "wharf.ftp.activeAllowed";
    /** Protocol access comes from groups ({@code true}/{@code false}). */
    public static final String PROTOCOLS_PER_GROUP = "wharf.protocols.perGroup";
    /** CIDR ranges connections must come from (comma-separated; missing: any). */
    public static final String ALLOWED_CIDRS = "wharf.site.allowedCidrs";
    /** ISO 3166-1 alpha-2 countries connections must come from (comma-separated; missing: any). */
    public static final String ALLOWED_COUNTRIES = "wharf.site.allowedCountries";
    /** ISO 3166-1 alpha-2 countries connections must not come from (comma-separated). */
    public static final String DENIED_COUNTRIES = "wharf.site.deniedCountries";
    /** The tenant's own host names (comma-separated), besides {@code <tenant>.<base domain>}. */
    public static final String HOSTNAMES = "wharf.site.hostnames";
    /**
     * How the site's and a user's address ranges combine: {@code both} (absent: each list that is set must match)
     * or {@code either} (an address in the site's or in the user's list is admitted, as Files.com does).
     */
    public static final String ADDRESS_RULE = "wharf.site.addressRule";
    /** Protocols switched off for the whole site, comma-separated wire names (ftp, ftps, sftp, https). */
    public static final String DISABLED_PROTOCOLS = "wharf.site.disabledProtocols";
    /** Most bytes the tenant's files may hold together, a whole number ({@link SiteQuotas}); absent: no limit. */
    public static final String QUOTA_BYTES = "wharf.site.quotaBytes";
    /** Most files the tenant may hold; absent: no limit. */
    public static final String QUOTA_FILES = "wharf.site.quotaFiles";
    /**
     * Largest single file any user of the tenant may upload, in bytes; absent: no limit. A user's own
     * ({@link UserAttributes#MAX_FILE_SIZE}) applies too: the smaller wins.
     */
    public static final String MAX_FILE_SIZE = "wharf.site.maxFileSize";
    /**
     * Limits of shared folders, comma-separated entries {@code <folder> <bytes> [<files>]} ({@code -}: no limit of
     * that kind); a folder without an entry has none.
     */
    public static final String SHARED_FOLDER_QUOTAS = "wharf.site.sharedFolderQuotas";
    /** Every user must have a second factor (TOTP) to log in ({@code true}/{@code false}; absent: no). */
    public static final String REQUIRE_2FA = "wharf.site.require2fa";
    /**
     * Login methods exempt from {@link #REQUIRE_2FA}, comma-separated: {@code api-keys}, {@code ssh-keys} (absent:
     * none; a key login of a user without TOTP is then refused too).
     */
    public static final String REQUIRE_2FA_EXEMPT = "wharf.site.require2faExempt";
    /** Days a password may be used after it was set (a whole number; absent or 0: no maximum age). */
    public static final String PASSWORD_MAX_AGE_DAYS = "wharf.site.passwordMaxAgeDays";
    /** Group attribute: address ranges the group's members must connect from (the user attribute has the same name). */
    public static final String GROUP_CIDRS = UserAttributes.CIDRS;
    /** Group attribute: the protocols a group grants, comma-separated (the user attribute has the same name). */
    public static final String GROUP_PROTOCOLS = UserAttributes.PROTOCOLS;

    /** Upper bound of the 2FA grace window: one day. */
    public static final long MAX_OTP_GRACE_SECONDS = 86_400;

    private RealmAttributes() {
    }
}
