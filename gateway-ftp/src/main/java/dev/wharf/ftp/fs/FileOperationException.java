package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.io.IOException;

/** A storage refusal carried through the library's {@code IOException}-only stream methods, reason intact. */
public final class FileOperationException extends IOException {
    private final Reason reason;

    public FileOperationException(WharfException cause) {
        super(cause.getMessage(), cause);
        this.reason = cause.reason();
    }

    public Reason reason() {
        return reason;
    }
}
