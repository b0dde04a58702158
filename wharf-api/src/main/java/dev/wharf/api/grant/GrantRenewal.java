package dev.wharf.api.grant;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/grants/renew}: the gateway sends a session's grant ({@code expiresAt} absent), identity-service
 * answers the new one with its expiry and the folder rules it carries ({@code access}; absent: none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantRenewal(String grant, Instant expiresAt, List<Map<String, String>> access) {
    public GrantRenewal(String grant, Instant expiresAt) {
        this(grant, expiresAt, null);
    }

    @Override
    public String toString() {
        return "GrantRenewal[expiresAt=" + expiresAt + "]";
    }
}
