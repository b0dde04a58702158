package dev.wharf.cli.api;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCode;

/** A service's error answer: HTTP status and the {@code {"reason","message"}} body. */
public final class ApiException extends CliException {
    private final int status;
    private final String reason;

    public ApiException(int status, String reason, String message, String... hints) {
        super(status == 401 || status == 503 ? ExitCode.UNREACHABLE : ExitCode.REFUSED, message, hints);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    /** The Reason code ({@code unknown_tenant}, {@code bad_request}, ...). */
    public String reason() {
        return reason;
    }
}
