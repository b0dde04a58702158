package dev.wharf.identity.user;

import java.util.List;

/**
 * Body of {@code PATCH /v1/admin/tenants/{t}/users/{u}}: a field left out keeps its value; an empty list removes
 * the user-level restriction.
 *
 * @param authMethod  {@code password} or {@code none}
 * @param folderRules the user's own folder rules, {@code <permissions> <path>} each ({@code []}: none)
 * @param sharedFolders shared folders mounted in the user's view, {@code <folder> <permissions> <path>} each
 *                      ({@code []}: none)
 * @param quotaBytes    most bytes the home may hold ({@code -1}: no limit)
 * @param quotaFiles    most files the home may hold ({@code -1}: no limit)
 * @param maxFileSize   largest file the user may upload, in bytes ({@code -1}: no limit)
 * @param expires       the last day the account may log in, {@code yyyy-mm-dd} (UTC; {@code ""}: never expires)
 * @param maxSessions   most sessions open at once, 1 or more ({@code -1}: no limit)
 * @param uploadBytesPerSecond   most bytes per second a session's uploads take, 1024 or more ({@code -1}: no limit)
 * @param downloadBytesPerSecond most bytes per second a session's downloads take, 1024 or more ({@code -1}: no limit)
 */
public record UserPatch(Boolean enabled, String home, String authMethod, List<String> allowedProtocols,
                        List<String> allowedCidrs, Boolean mustChangePassword, List<String> folderRules,
                        List<String> sharedFolders, Long quotaBytes, Long quotaFiles, Long maxFileSize,
                        String expires, Integer maxSessions, Long uploadBytesPerSecond, Long downloadBytesPerSecond) {
    /** A patch of the fields that existed before the bandwidth limits. */
    public UserPatch(Boolean enabled, String home, String authMethod, List<String> allowedProtocols,
                     List<String> allowedCidrs, Boolean mustChangePassword, List<String> folderRules,
                     List<String> sharedFolders, Long quotaBytes, Long quotaFiles, Long maxFileSize,
                     String expires, Integer maxSessions) {
        this(enabled, home, authMethod, allowedProtocols, allowedCidrs, mustChangePassword, folderRules,
                sharedFolders, quotaBytes, quotaFiles, maxFileSize, expires, maxSessions, null, null);
    }

    /** A patch of the fields that existed before the account limits. */
    public UserPatch(Boolean enabled, String home, String authMethod, List<String> allowedProtocols,
                     List<String> allowedCidrs, Boolean mustChangePassword, List<String> folderRules,
                     List<String> sharedFolders, Long quotaBytes, Long quotaFiles, Long maxFileSize) {
        this(enabled, home, authMethod, allowedProtocols, allowedCidrs, mustChangePassword, folderRules,
                sharedFolders, quotaBytes, quotaFiles, maxFileSize, null, null);
    }
}
