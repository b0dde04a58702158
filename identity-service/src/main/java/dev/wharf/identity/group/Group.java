package dev.wharf.identity.group;

import java.util.List;

/**
 * A group of a tenant as the admin API shows it.
 *
 * @param allowedProtocols what the group grants when the tenant decides protocols per group (empty: nothing)
 * @param members          user names of its direct members
 * @param folderRules      the folder rules of its members ({@code <permissions> <path>})
 * @param sharedFolders    shared folders mounted in its members' views ({@code <folder> <permissions> <path>})
 * @param allowedCidrs     address ranges its members must connect from, unless a member has its own (empty: any)
 */
public record Group(String name, List<String> allowedProtocols, List<String> members, List<String> folderRules,
                    List<String> sharedFolders, List<String> allowedCidrs) {
}
