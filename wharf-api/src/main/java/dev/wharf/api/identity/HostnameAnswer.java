package dev.wharf.api.identity;

/** The answer to {@code GET /v1/hostnames/{host}}: the tenant whose own host name it is. */
public record HostnameAnswer(String hostname, String tenant) {
}
