package dev.wharf.api.policy;

import dev.wharf.core.Reason;
import dev.wharf.core.policy.Decision;

/**
 * The answer of both policy decisions.
 *
 * @param reason {@code ok} when allowed, else the {@link Reason#code()} of the refusal
 */
public record DecisionResponse(boolean allowed, String reason) {
    public static DecisionResponse of(Decision d) {
        return new DecisionResponse(d.allowed(), d.reason().code());
    }

    /** The core decision; an allowed answer is always {@link Decision#ALLOW}, whatever reason it carries. */
    public Decision toDecision() {
        if (allowed) {
            return Decision.ALLOW;
        }
        Reason r = Reason.fromCode(reason);
        // a denial must never read as "ok": that would show a success message on a refused login
        return Decision.deny(r == Reason.OK ? Reason.INTERNAL_ERROR : r);
    }
}
