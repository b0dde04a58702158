package dev.wharf.edge;

import dev.wharf.core.Reason;

/**
 * A connection the edge turned away: at which stage, with which reason code (the same in the protocol reply, the
 * log line and the audit event), why in a word for metrics, and the message for the client.
 *
 * @param stage   what refused it; its {@link Stage#code()} is the audit event's {@code stage}
 * @param reason  the reason code
 * @param cause   the metric tag of what refused it (e.g. {@code startups_per_address})
 * @param message the text for the client: no secret, no echo of client input
 */
public record Refusal(Stage stage, Reason reason, String cause, String message) {
    /** The edge's refusal stages, named as the gateways' audit events name them. */
    public enum Stage {
        /** A PROXY protocol header that is missing, malformed or from an untrusted peer. */
        PROXY_PROTOCOL("proxy-protocol"),
        /** A cap on connections, in total or per client address. */
        CONNECTION_LIMIT("connection-limit"),
        /** A cap on connections still logging in, in total (with early drop) or per client address. */
        UNAUTHENTICATED_LIMIT("unauthenticated-limit");

        private final String code;

        Stage(String code) {
            this.code = code;
        }

        /** The audit event's {@code stage}. */
        public String code() {
            return code;
        }
    }
}
