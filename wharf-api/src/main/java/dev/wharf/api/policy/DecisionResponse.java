package dev.wharf.api.policy;

import dev.wharf.core.Reason;
import dev.wharf.core.policy.Decision;

/**
 * The answer of both policy decisions.
 *
 * @param reason    {@code ok} when allowed, else the {@link Reason#code()} of the refusal
 * @param activeFtp an allowed FTP/FTPS login may use active mode ({@link Decision#activeFtp()}); absent (an older
 *                  policy-service) reads as false, the safe side
 */
public record DecisionResponse(boolean allowed, String reason, boolean activeFtp) {
    public static DecisionResponse of(Decision d) {
        return new DecisionResponse(d.allowed(), d.reason().code(), d.allowed() && d.activeFtp());
    }

    /** The core decision; an allowed answer is always allowed with {@link Reason#OK}, whatever reason it carries. */
    public Decision toDecision() {
        if (allowed) {
            return Decision.allow(activeFtp);
        }
        Reason r = Reason.fromCode(reason);
        // a denial must never read as "ok": that would show a success message on a refused login
        return Decision.deny(r == Reason.OK ? Reason.INTERNAL_ERROR : r);
    }
}
