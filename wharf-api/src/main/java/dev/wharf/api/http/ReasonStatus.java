package dev.wharf.api.http;

import dev.wharf.core.Reason;

/**
 * The HTTP status of each reason, one table for every service's error answers (docs/service-api.md "Errors"); the
 * clients' way back is {@link ServiceErrors}. A switch without a default, so a new reason does not compile until
 * it has a status.
 */
public final class ReasonStatus {
    private ReasonStatus() {
    }

    /** The status a service answers when a call fails with {@code reason}. */
    public static int of(Reason reason) {
        return switch (reason) {
            case OK -> 200;
            case BAD_REQUEST, INVALID_PATH, INVALID_OFFSET, NOT_A_DIRECTORY, UPLOAD_ABORTED, UNSUPPORTED_OPERATION -> 400;
            case QUOTA_EXCEEDED -> 413;
            case BAD_CREDENTIALS, UNAUTHENTICATED_CALLER -> 401;
            // refusals of a known caller: the body's reason says which rule
            case PERMISSION_DENIED, ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED, PASSWORD_LOGIN_NOT_ALLOWED,
                 SECOND_FACTOR_REQUIRED, SECOND_FACTOR_INVALID, SECOND_FACTOR_REUSED, KEY_EXPIRED, TENANT_DISABLED,
                 ACCOUNT_EXPIRED, SECOND_FACTOR_ENROLMENT_REQUIRED,
                 ADDRESS_NOT_ALLOWED, COUNTRY_NOT_ALLOWED, COUNTRY_UNKNOWN, PROTOCOL_NOT_ALLOWED, PROTOCOL_DISABLED,
                 ACTIVE_MODE_DISABLED,
                 ENCRYPTION_REQUIRED, CSRF_INVALID -> 403;
            case NOT_FOUND, UNKNOWN_TENANT -> 404;
            case ALREADY_EXISTS, IS_A_DIRECTORY, DIRECTORY_NOT_EMPTY -> 409;
            case ACCOUNT_THROTTLED, ADDRESS_BANNED, LIMIT_REACHED, SESSION_LIMIT_REACHED -> 429;
            case INTERNAL_ERROR -> 500;
            case STORAGE_FULL -> 507; // RFC 4918 Insufficient Storage
            case SERVICE_UNAVAILABLE, AUDIT_UNAVAILABLE -> 503;
        };
    }
}
