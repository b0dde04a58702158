package dev.wharf.identity.user;

import java.time.Instant;
import java.util.List;

/**
 * A user as {@code GET /v1/admin/tenants/{t}/users/{u}} shows it.
 *
 * @param authMethod {@code password} or {@code none} (password logins refused; keys still work)
 * @param otp        a second factor is enrolled
 * @param sshKeys    how many SSH public keys the user has
 * @param apiKeys    how many API keys the user has
 * @param folderRules the user's own folder rules ({@code <permissions> <path>}); its groups' come on top
 * @param sharedFolders the shared folders mounted in the user's own view ({@code <folder> <permissions> <path>})
 */
public record User(String username, boolean enabled, String home, String authMethod, List<String> allowedProtocols,
                   List<String> allowedCidrs, List<String> groups, boolean mustChangePassword, boolean otp,
                   int sshKeys, int apiKeys, Instant created, List<String> folderRules,
                   List<String> sharedFolders) {
}
