package dev.wharf.api.policy;

/**
 * {@code POST /v1/login-failures}: a failed login, counted by policy-service to ban addresses that keep failing.
 *
 * @param username the user name as the client typed it (not verified to exist)
 * @param protocol wire name: {@code ftp}, {@code ftps}, {@code sftp}
 */
public record LoginFailureReport(String clientIp, String tenant, String username, String protocol) {
}
