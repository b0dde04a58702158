package dev.wharf.core.access;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a user may do in one folder and everything below it, as an administrator set it on the user or on one of its
 * groups. Spelled {@code <permissions> <path>}, e.g. {@code upload-only /inbox} or {@code list,read /reports}; the
 * path is the user's view (rooted at the home folder, {@code /} = the home itself).
 *
 * @param path        normalized client-view folder, absolute
 * @param permissions what is allowed there
 * @param group       the group the rule was set on; null for the user's own rule
 * @param folder      for a shared folder's mount: the tenant's shared folder {@code path} shows
 *                    ({@link SharedFolders}); null for a rule on the user's own folders
 */
public record AccessRule(String path, Set<Permission> permissions, String group, String folder) {
    public AccessRule {
        path = VirtualPaths.resolve("/", path);
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        if (folder != null) {
            SharedFolders.checkName(folder);
            if (path.equals("/")) {
                throw new WharfException(Reason.BAD_REQUEST, "a shared folder cannot be mounted at /: "
                        + "give it a folder of its own, e.g. /shared/" + folder);
            }
        }
    }

    /** A rule on the user's own folders (not a mount). */
    public AccessRule(String path, Set<Permission> permissions, String group) {
        this(path, permissions, group, null);
    }

    /**
     * A shared folder's mount from its spelled form {@code <folder> <permissions> <path>}, e.g.
     * {@code finance full /shared/finance}; 400 {@code bad_request} when it is not that.
     */
    public static AccessRule parseMount(String spelled, String group) {
        String s = spelled == null ? "" : spelled.strip();
        int space = s.indexOf(' ');
        if (space < 0) {
            throw new WharfException(Reason.BAD_REQUEST, "a shared folder is '<folder> <permissions> <path>', e.g. "
                    + "'finance full /shared/finance': got '" + VirtualPaths.printable(s) + "'");
        }
        AccessRule r = parse(s.substring(space + 1), group);
        return new AccessRule(r.path(), r.permissions(), group, s.substring(0, space));
    }

    /** Whether this is a shared folder's mount. */
    public boolean mount() {
        return folder != null;
    }

    /** A rule from its spelled form; 400 {@code bad_request} when it is not {@code <permissions> <path>}. */
    public static AccessRule parse(String spelled, String group) {
        String s = spelled == null ? "" : spelled.strip();
        int space = s.indexOf(' ');
        if (space < 0 || !s.substring(space + 1).strip().startsWith("/")) {
            throw new WharfException(Reason.BAD_REQUEST,
                    "a folder rule is '<permissions> <path>', e.g. 'upload-only /inbox': got '"
                            + VirtualPaths.printable(s) + "'");
        }
        return new AccessRule(s.substring(space + 1).strip(), Permission.parseSet(s.substring(0, space)), group);
    }

    /**
     * The wire form in grants and service answers: {@code {"rule": "<spelled>", "group": "<name>"}}, group absent
     * for the user's own rule.
     */
    public java.util.Map<String, String> toWire() {
        java.util.Map<String, String> wire = new java.util.LinkedHashMap<>();
        wire.put("rule", spelled());
        if (group != null) {
            wire.put("group", group);
        }
        if (folder != null) {
            wire.put("folder", folder);
        }
        return wire;
    }

    /** A rule from its wire form ({@link #toWire()}). */
    public static AccessRule fromWire(java.util.Map<?, ?> wire) {
        Object rule = wire.get("rule");
        Object group = wire.get("group");
        Object folder = wire.get("folder");
        AccessRule r = parse(rule == null ? null : rule.toString(), group == null ? null : group.toString());
        return folder == null ? r : new AccessRule(r.path(), r.permissions(), r.group(), folder.toString());
    }

    /** The spelled form ({@code upload-only /inbox}), as stored in a Keycloak attribute value. */
    public String spelled() {
        return Permission.spell(permissions) + " " + path;
    }

    /** A mount's spelled form ({@code finance full /shared/finance}), as stored in a Keycloak attribute value. */
    public String spelledMount() {
        return folder + " " + spelled();
    }

    /** The rule as an audit event and a log line name it: {@code user:upload-only /inbox}, {@code group:team:...}. */
    public String describe() {
        return (group == null ? "user:" : "group:" + group + ":") + (folder == null ? spelled() : "shared:" + spelledMount());
    }

    /** Whether the rule covers {@code clientPath} (normalized): the folder itself or anything below it. */
    boolean covers(String clientPath) {
        return path.equals("/") || clientPath.equals(path) || clientPath.startsWith(path + "/");
    }
}
