package dev.wharf.cli;

import java.util.List;

/** A failure that ends the command with an exit code, a message and hints that name what to fix. */
public class CliException extends RuntimeException {
    private final int exitCode;
    private final List<String> hints;

    public CliException(int exitCode, String message, String... hints) {
        super(message);
        this.exitCode = exitCode;
        this.hints = List.of(hints);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> hints() {
        return hints;
    }

    /** A usage error (exit 2). */
    public static CliException usage(String message, String... hints) {
        return new CliException(ExitCode.USAGE, message, hints);
    }

    /** A service that cannot be reached or a sign-in that failed (exit 3). */
    public static CliException unreachable(String message, String... hints) {
        return new CliException(ExitCode.UNREACHABLE, message, hints);
    }
}
