package dev.wharf.identity.group;

import java.util.List;

/**
 * Body of {@code PATCH /v1/admin/tenants/{t}/groups/{g}}: a field left out keeps its value.
 *
 * @param allowedProtocols the protocols the group grants ({@code []}: none)
 * @param folderRules      the folder rules of its members, {@code <permissions> <path>} each ({@code []}: none)
 * @param sharedFolders    shared folders mounted in its members' views, {@code <folder> <permissions> <path>} each
 *                         ({@code []}: none)
 */
public record GroupPatch(List<String> allowedProtocols, List<String> folderRules, List<String> sharedFolders) {
}
