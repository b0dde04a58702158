package dev.wharf.identity.group;

import java.util.List;

/**
 * Body of {@code PATCH /v1/admin/tenants/{t}/groups/{g}}: a field left out keeps its value.
 *
 * @param allowedProtocols the protocols the group grants ({@code []}: none)
 * @param folderRules      the folder rules of its members, {@code <permissions> <path>} each ({@code []}: none)
 * @param sharedFolders    shared folders mounted in its members' views, {@code <folder> <permissions> <path>} each
 *                         ({@code []}: none)
 * @param allowedCidrs     address ranges its members must connect from unless they have their own ({@code []}: any)
 */
public record GroupPatch(List<String> allowedProtocols, List<String> folderRules, List<String> sharedFolders,
                         List<String> allowedCidrs) {

    /** A patch of what a group had before address ranges. */
    public GroupPatch(List<String> allowedProtocols, List<String> folderRules, List<String> sharedFolders) {
        this(allowedProtocols, folderRules, sharedFolders, null);
    }
}
