package dev.wharf.cli;

/** The CLI's exit codes: stable, documented in the README, relied on by scripts. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** The service refused or failed (an API error); the reason code and message are printed. */
    public static final int REFUSED = 1;
    /** The command line is wrong: unknown verb or option, missing or malformed argument. */
    public static final int USAGE = 2;
    /** A service or Keycloak cannot be reached, or signing in failed. */
    public static final int UNREACHABLE = 3;

    private ExitCode() {
    }
}
