package dev.wharf.core;

/** A refusal or failure that carries its {@link Reason}, so every layer reports the same code. */
public class WharfException extends RuntimeException {
    private final Reason reason;

    public WharfException(Reason reason, String detail) {
        super(detail == null ? reason.code() : reason.code() + ": " + detail);
        this.reason = reason;
    }

    public WharfException(Reason reason, String detail, Throwable cause) {
        super(detail == null ? reason.code() : reason.code() + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
