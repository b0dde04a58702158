package dev.wharf.api.grant;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * {@code POST /v1/grants/renew}: the gateway sends a session's grant ({@code expiresAt} absent), identity-service
 * answers the new one with its expiry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantRenewal(String grant, Instant expiresAt) {
    @Override
    public String toString() {
        return "GrantRenewal[expiresAt=" + expiresAt + "]";
    }
}
