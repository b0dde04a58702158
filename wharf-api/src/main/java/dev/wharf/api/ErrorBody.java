package dev.wharf.api;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

/**
 * The body of every error answer between gateways and services: a {@link Reason} code and a human message.
 *
 * @param reason  the {@link Reason#code()}, e.g. {@code not_found}
 * @param message what went wrong, for logs and operators (never a secret)
 */
public record ErrorBody(String reason, String message) {
    public static ErrorBody of(Reason reason, String message) {
        return new ErrorBody(reason.code(), message == null ? reason.userMessage() : message);
    }

    /** The body a service answers for an exception that carries a reason. */
    public static ErrorBody of(WharfException e) {
        return of(e.reason(), e.getMessage());
    }

    /** The reason this body names; unknown codes (a newer peer) are {@link Reason#INTERNAL_ERROR}. */
    public Reason toReason() {
        return Reason.fromCode(reason);
    }
}
