package dev.wharf.core;

/** A refusal or failure that carries its {@link Reason}, so every layer reports the same code. */
public class WharfException extends RuntimeException {
    private final Reason reason;
    private final String detail;

    public WharfException(Reason reason, String detail) {
        super(detail == null ? reason.code() : reason.code() + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    public WharfException(Reason reason, String detail, Throwable cause) {
        super(detail == null ? reason.code() : reason.code() + ": " + detail, cause);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The reason of the first {@link WharfException} in {@code t}'s cause chain (protocol libraries wrap ours in
     * their own exceptions), else {@code otherwise}.
     */
    public static Reason reasonIn(Throwable t, Reason otherwise) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof WharfException w) {
                return w.reason;
            }
        }
        return otherwise;
    }

    /** The detail given at construction, without the reason code the message starts with; may be null. */
    public String detail() {
        return detail;
    }
}
