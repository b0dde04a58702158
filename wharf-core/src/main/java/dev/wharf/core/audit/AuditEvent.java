package dev.wharf.core.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One audit event before it is put on the wire as a CloudEvent. {@code source} names the emitting service
 * ({@code /gateway-ftp}); {@code data} holds the type-specific fields (path, bytes, sha256, durationMs, from, to,
 * and for admin changes who changed what). {@code traceparent} is the W3C trace context of the action it records
 * (CloudEvents' distributed tracing extension), or null outside a trace.
 */
public record AuditEvent(String id, AuditType type, String source, Instant time, String tenant, String user,
                         String protocol, String clientAddress, String sessionId, String reason,
                         Map<String, Object> data, String traceparent) {
    public AuditEvent {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** An event without trace context. */
    public AuditEvent(String id, AuditType type, String source, Instant time, String tenant, String user,
                      String protocol, String clientAddress, String sessionId, String reason,
                      Map<String, Object> data) {
        this(id, type, source, time, tenant, user, protocol, clientAddress, sessionId, reason, data, null);
    }

    /** This event with {@code value} as its trace context. */
    public AuditEvent withTraceparent(String value) {
        return new AuditEvent(id, type, source, time, tenant, user, protocol, clientAddress, sessionId, reason, data,
                value);
    }

    public static Builder builder(AuditType type, String source) {
        return new Builder(type, source);
    }

    /** Builds an event field by field; unset fields stay null. */
    public static final class Builder {
        private final AuditType type;
        private final String source;
        private String tenant;
        private String user;
        private String protocol;
        private String clientAddress;
        private String sessionId;
        private String reason;
        private final Map<String, Object> data = new LinkedHashMap<>();

        private Builder(AuditType type, String source) {
            this.type = type;
            this.source = source;
        }

        public Builder tenant(String v) { tenant = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder protocol(String v) { protocol = v; return this; }
        public Builder clientAddress(String v) { clientAddress = v; return this; }
        public Builder sessionId(String v) { sessionId = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder data(String key, Object value) {
            if (value != null) {
                data.put(key, value);
            }
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(UUID.randomUUID().toString(), type, source, Instant.now(), tenant, user, protocol,
                    clientAddress, sessionId, reason, data);
        }
    }
}
