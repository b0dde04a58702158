package dev.wharf.policy.ban;

import java.time.Instant;

/**
 * What policy-service replicas tell each other on the defender's shared log: a failed login, or an operator
 * lifting the bans of an address. Every replica applies the same events in the same order, with the publisher's
 * time, and so holds the same bans.
 *
 * @param origin the publishing replica (so that only it logs the ban the event causes)
 * @param actor  the operator who lifted a ban; null for failures
 */
public record DefenderEvent(Kind kind, String clientIp, String tenant, String username, String protocol, Instant at,
                            String origin, String actor) {
    /** The kinds of events. */
    public enum Kind {
        /** A gateway reported a failed login. */
        FAILURE,
        /** An operator lifted every ban on the address. */
        LIFT
    }

    /** A failed login. */
    public static DefenderEvent failure(String clientIp, String tenant, String username, String protocol, Instant at,
                                        String origin) {
        return new DefenderEvent(Kind.FAILURE, clientIp, tenant, username, protocol, at, origin, null);
    }

    /** An operator's lift. */
    public static DefenderEvent lift(String clientIp, String actor, Instant at, String origin) {
        return new DefenderEvent(Kind.LIFT, clientIp, null, null, null, at, origin, actor);
    }
}
