package dev.wharf.core;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why something was allowed or refused: one code shared by the protocol reply, the log line and the audit event.
 *
 * <p>The {@link #code()} is the stable wire form (audit events, HTTP bodies, logs). The {@link #userMessage()}
 * is what a person sees in an FTP reply or SSH banner: it says what to fix and never reveals whether another
 * user or tenant exists.
 */
public enum Reason {
    OK("ok", "OK"),

    // identity
    BAD_CREDENTIALS("bad_credentials", "Login incorrect: check the user name and password."),
    ACCOUNT_DISABLED("account_disabled", "This account is disabled: contact your administrator."),
    PASSWORD_CHANGE_REQUIRED("password_change_required",
            "Your password must be changed before you can log in: change it in the web portal."),
    PASSWORD_LOGIN_NOT_ALLOWED("password_login_not_allowed",
            "Password login is not allowed for this account: use an SSH key or an API key."),
    SECOND_FACTOR_REQUIRED("second_factor_required",
            "A 2FA code is required: append the 6-digit code from your authenticator app to your password."),
    SECOND_FACTOR_INVALID("second_factor_invalid", "The 2FA code is not valid: use the current code from your authenticator app."),
    SECOND_FACTOR_REUSED("second_factor_reused", "This 2FA code was already used: wait for the next code."),
    KEY_EXPIRED("key_expired", "This API key has expired: create a new one."),
    /** The user's expiry date ({@code wharf.expires}) has passed; said only after the credential is verified. */
    ACCOUNT_EXPIRED("account_expired", "This account has expired: contact your administrator."),
    /** The site requires 2FA of every user and this one has no authenticator enrolled yet. */
    SECOND_FACTOR_ENROLMENT_REQUIRED("second_factor_enrolment_required",
            "This site requires 2FA: set up an authenticator app in the web portal (Account security, Signing in),"
                    + " then append its 6-digit code to your password."),
    /** The user already has as many sessions open as its limit ({@code wharf.maxSessions}) allows. */
    SESSION_LIMIT_REACHED("session_limit_reached",
            "Too many sessions of this account are open at once: close one and try again."),
    UNKNOWN_TENANT("unknown_tenant", "Login incorrect: check the host name and user name."),
    // keyed by tenant and user name whether the user exists or not, so it reveals nothing (DECISIONS.md)
    ACCOUNT_THROTTLED("account_throttled",
            "Too many failed logins for this account from other addresses: try again in a minute."),
    TENANT_DISABLED("tenant_disabled", "This site is disabled: contact your administrator."),

    // policy
    ADDRESS_BANNED("address_banned", "Too many failed logins from your address: try again later."),
    ADDRESS_NOT_ALLOWED("address_not_allowed", "Connections from your address are not allowed for this account."),
    COUNTRY_NOT_ALLOWED("country_not_allowed", "Connections from your country are not allowed for this account."),
    COUNTRY_UNKNOWN("country_unknown", "The country of your address cannot be determined, and this site has rules about countries."),
    PROTOCOL_NOT_ALLOWED("protocol_not_allowed", "This protocol is not allowed for this account or its groups."),
    /** The site switched the protocol off for everyone (site setting {@code disabledProtocols}). */
    PROTOCOL_DISABLED("protocol_disabled", "This protocol is switched off for this site: use another one your administrator offers."),
    /** The site has not turned active FTP on (site setting {@code activeFtpAllowed}, off by default). */
    ACTIVE_MODE_DISABLED("active_mode_disabled", "Active mode (PORT/EPRT) is not enabled for this site: use passive mode (PASV/EPSV)."),
    ENCRYPTION_REQUIRED("encryption_required", "TLS is required: connect with explicit FTPS (AUTH TLS) or implicit FTPS."),

    // files
    NOT_FOUND("not_found", "No such file or folder."),
    ALREADY_EXISTS("already_exists", "A file or folder with that name already exists."),
    NOT_A_DIRECTORY("not_a_directory", "Not a folder."),
    IS_A_DIRECTORY("is_a_directory", "That is a folder, not a file."),
    DIRECTORY_NOT_EMPTY("directory_not_empty", "The folder is not empty."),
    INVALID_PATH("invalid_path", "The name is not allowed: it contains control characters or leaves your home folder."),
    PERMISSION_DENIED("permission_denied", "Permission denied."),
    INVALID_OFFSET("invalid_offset", "The resume offset is beyond the end of the file."),
    UPLOAD_ABORTED("upload_aborted", "The upload did not complete; nothing was stored."),
    /** An upload would pass a storage quota or the largest file size allowed (HTTP 413, FTP 552). */
    QUOTA_EXCEEDED("quota_exceeded",
            "The upload would exceed your storage quota or the largest file allowed; nothing was stored."),
    UNSUPPORTED_OPERATION("unsupported_operation",
            "This operation is not supported here: there are no links, and files are written sequentially."),

    // infrastructure
    UNAUTHENTICATED_CALLER("unauthenticated_caller",
            "The session's credential was refused: log in again; if it persists, contact your administrator."),
    SERVICE_UNAVAILABLE("service_unavailable", "The service is temporarily unavailable: try again in a moment."),
    /** The audit spool is full or its disk fails: nothing is done that could not be recorded. */
    AUDIT_UNAVAILABLE("audit_unavailable",
            "Transfers are paused because the audit trail cannot record them right now: try again in a few minutes."),
    /** A per-session resource cap (SFTP open handles or channels): the client holds too many at once. */
    LIMIT_REACHED("limit_reached", "Too many open files or channels in this session: close some and try again."),
    /** The disk that stores files is full (ENOSPC): nothing was stored, an existing file is untouched. */
    STORAGE_FULL("storage_full", "There is no space left to store this file: try again later or contact your administrator."),
    INTERNAL_ERROR("internal_error", "Internal error: try again; if it persists, contact your administrator."),
    BAD_REQUEST("bad_request", "Bad request."),
    // web portal: a form that does not carry this session's CSRF token (another site's, or an old page)
    CSRF_INVALID("csrf_invalid", "The form has expired: reload the page and try again.");

    private static final Map<String, Reason> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Reason::code, Function.identity()));

    private final String code;
    private final String userMessage;

    Reason(String code, String userMessage) {
        this.code = code;
        this.userMessage = userMessage;
    }

    public String code() {
        return code;
    }

    public String userMessage() {
        return userMessage;
    }

    /**
     * Whether the user fixes this refusal in the tenant's web portal (password change, 2FA set-up), so that the
     * reply names the portal's address.
     */
    public boolean fixedInWebPortal() {
        return this == PASSWORD_CHANGE_REQUIRED || this == SECOND_FACTOR_REQUIRED
                || this == SECOND_FACTOR_ENROLMENT_REQUIRED;
    }

    /** The reason for a wire code; unknown codes (a newer peer) map to {@link #INTERNAL_ERROR}. */
    public static Reason fromCode(String code) {
        return code == null ? INTERNAL_ERROR : BY_CODE.getOrDefault(code, INTERNAL_ERROR);
    }
}
