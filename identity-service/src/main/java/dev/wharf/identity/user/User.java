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
 * @param quotaBytes  most bytes the home may hold; null: no limit
 * @param quotaFiles  most files the home may hold; null: no limit
 * @param maxFileSize largest file the user may upload; null: no limit
 * @param usedBytes   what the home holds now, counted by storage-service; null: not known (storage unreachable)
 * @param usedFiles   how many files the home holds now; null: not known
 * @param expires     the last day (UTC, {@code yyyy-mm-dd}) the account may log in; null: never expires
 * @param maxSessions most sessions the user may have open at once; null: no limit
 * @param uploadBytesPerSecond   most bytes per second the uploads of one of its sessions take; null: no limit
 * @param downloadBytesPerSecond most bytes per second the downloads of one of its sessions take; null: no limit
 */
public record User(String username, boolean enabled, String home, String authMethod, List<String> allowedProtocols,
                   List<String> allowedCidrs, List<String> groups, boolean mustChangePassword, boolean otp,
                   int sshKeys, int apiKeys, Instant created, List<String> folderRules,
                   List<String> sharedFolders, Long quotaBytes, Long quotaFiles, Long maxFileSize,
                   Long usedBytes, Long usedFiles, String expires, Integer maxSessions, Long uploadBytesPerSecond,
                   Long downloadBytesPerSecond) {
    /** The same user with its home's usage. */
    public User withUsage(dev.wharf.core.quota.Usage u) {
        return new User(username, enabled, home, authMethod, allowedProtocols, allowedCidrs, groups,
                mustChangePassword, otp, sshKeys, apiKeys, created, folderRules, sharedFolders, quotaBytes,
                quotaFiles, maxFileSize, u.bytes(), u.files(), expires, maxSessions, uploadBytesPerSecond,
                downloadBytesPerSecond);
    }
}
