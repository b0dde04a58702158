package dev.wharf.core.policy;

import dev.wharf.core.Reason;

/**
 * Whether a connection or login may proceed, and why not.
 *
 * @param activeFtp an allowed FTP/FTPS login may use active mode (PORT/EPRT): the tenant's site setting, which the
 *                  gateway's own switch ({@code wharf.ftp.active-enabled}) must permit as well; false otherwise
 */
public record Decision(boolean allowed, Reason reason, boolean activeFtp) {
    public static final Decision ALLOW = new Decision(true, Reason.OK, false);

    public Decision(boolean allowed, Reason reason) {
        this(allowed, reason, false);
    }

    public static Decision deny(Reason reason) {
        return new Decision(false, reason, false);
    }

    /** An allowed login whose FTP session may (or may not) use active mode. */
    public static Decision allow(boolean activeFtp) {
        return activeFtp ? new Decision(true, Reason.OK, true) : ALLOW;
    }
}
