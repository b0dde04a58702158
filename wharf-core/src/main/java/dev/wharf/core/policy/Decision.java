package dev.wharf.core.policy;

import dev.wharf.core.Reason;

/** Whether a connection or login may proceed, and why not. */
public record Decision(boolean allowed, Reason reason) {
    public static final Decision ALLOW = new Decision(true, Reason.OK);

    public static Decision deny(Reason reason) {
        return new Decision(false, reason);
    }
}
