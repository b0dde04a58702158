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
 */
public record UserPatch(Boolean enabled, String home, String authMethod, List<String> allowedProtocols,
                        List<String> allowedCidrs, Boolean mustChangePassword, List<String> folderRules,
                        List<String> sharedFolders, Long quotaBytes, Long quotaFiles, Long maxFileSize) {
}
