package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.output.Column;

import java.util.List;

/** {@code wharf group ...}: groups of a tenant, their protocols and members. */
final class GroupVerbs {
    static final List<Column> COLUMNS = List.of(Column.of("name", "name"), Column.of("protocols", "allowedProtocols"),
            Column.of("members", "members"), Column.of("folder rules", "folderRules"),
            Column.of("shared folders", "sharedFolders"), Column.of("allowed address ranges", "allowedCidrs"));
    private static final OptionSpec PROTOCOLS = OptionSpec.value("protocols", "list",
            "protocols the group grants, comma-separated: ftp,ftps,sftp (used when the site sets"
                    + " --protocols-per-group true)");
    /** Shared with {@code wharf user update}: the same rules, on a user or on a group's members. */
    static final OptionSpec FOLDER_RULES = OptionSpec.value("folder-rules", "rules",
            "folder rules, ';'-separated '<permissions> <path>' (presets full, read-only, upload-only, no-delete,"
                    + " none, or of list,read,write,overwrite,delete,rename,mkdir), e.g. 'upload-only /inbox'"
                    + " (\"\" = none)");
    /** Shared with {@code wharf user update}: shared folders mounted in a user's or a group's members' view. */
    static final OptionSpec SHARED_FOLDERS = OptionSpec.value("shared-folders", "mounts",
            "shared folders, ';'-separated '<folder> <permissions> <path>': the tenant's folder <folder> shown at"
                    + " <path> with those permissions, e.g. 'finance full /shared/finance' (\"\" = none)");

    private static final OptionSpec CIDRS = OptionSpec.value("allowed-cidrs", "list",
            "members connect only from these CIDR ranges, unless a member has its own (\"\" = any)");

    private GroupVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("group", "groups of a tenant: protocols and members",
                Verb.tenant("create", "<group>", "create a group", GroupVerbs::create, PROTOCOLS),
                Verb.tenant("list", "", "list the groups", in ->
                        in.out().table(COLUMNS, in.api().identity("GET", in.tenantPath("groups"), null))),
                Verb.tenant("show", "<group>", "a group", in ->
                        in.out().record(COLUMNS, in.api().identity("GET", in.tenantPath("groups", in.arg(0)), null))),
                Verb.tenant("update", "<group>", "set the protocols a group grants, its members' folder rules and address ranges",
                        GroupVerbs::update, PROTOCOLS, FOLDER_RULES, SHARED_FOLDERS, CIDRS),
                Verb.tenant("delete", "<group>", "delete a group (its members stay)", in -> {
                    in.api().identity("DELETE", in.tenantPath("groups", in.arg(0)), null);
                    in.out().say("deleted group " + in.arg(0));
                }),
                Verb.tenant("add-member", "<group> <user>", "add a user to a group", in -> {
                    in.api().identity("PUT", in.tenantPath("groups", in.arg(0), "members", in.arg(1)), null);
                    in.out().say("added " + in.arg(1) + " to group " + in.arg(0));
                }),
                Verb.tenant("remove-member", "<group> <user>", "remove a user from a group", in -> {
                    in.api().identity("DELETE", in.tenantPath("groups", in.arg(0), "members", in.arg(1)), null);
                    in.out().say("removed " + in.arg(1) + " from group " + in.arg(0));
                }));
    }

    private static void create(Invocation in) {
        ObjectNode body = in.object().put("name", in.arg(0));
        in.options().list("protocols").ifPresent(l -> body.set("allowedProtocols", in.array(l)));
        JsonNode g = in.api().identity("POST", in.tenantPath("groups"), body);
        in.out().say("created group " + in.arg(0));
        if (!g.isMissingNode()) {
            in.out().record(COLUMNS, g);
        }
    }

    private static void update(Invocation in) {
        ObjectNode body = in.object();
        in.options().list("protocols").ifPresent(l -> body.set("allowedProtocols", in.array(l)));
        in.options().semicolonList("folder-rules").ifPresent(l -> body.set("folderRules", in.array(l)));
        in.options().semicolonList("shared-folders").ifPresent(l -> body.set("sharedFolders", in.array(l)));
        in.options().list("allowed-cidrs").ifPresent(l -> body.set("allowedCidrs", in.array(l)));
        if (body.isEmpty()) {
            throw CliException.usage("nothing to update: add --protocols <list>, --folder-rules <rules>,"
                    + " --shared-folders <mounts> or --allowed-cidrs <list>");
        }
        in.out().record(COLUMNS, in.api().identity("PATCH", in.tenantPath("groups", in.arg(0)), body));
    }
}
