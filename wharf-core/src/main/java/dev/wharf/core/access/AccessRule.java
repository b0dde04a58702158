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
 */
public record AccessRule(String path, Set<Permission> permissions, String group) {
    public AccessRule {
        path = VirtualPaths.resolve("/", path);
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
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
        return group == null ? java.util.Map.of("rule", spelled()) : java.util.Map.of("rule", spelled(), "group", group);
    }

    /** A rule from its wire form ({@link #toWire()}). */
    public static AccessRule fromWire(java.util.Map<?, ?> wire) {
        Object rule = wire.get("rule");
        Object group = wire.get("group");
        return parse(rule == null ? null : rule.toString(), group == null ? null : group.toString());
    }

    /** The spelled form ({@code upload-only /inbox}), as stored in a Keycloak attribute value. */
    public String spelled() {
        return Permission.spell(permissions) + " " + path;
    }

    /** The rule as an audit event and a log line name it: {@code user:upload-only /inbox}, {@code group:team:...}. */
    public String describe() {
        return (group == null ? "user:" : "group:" + group + ":") + spelled();
    }

    /** Whether the rule covers {@code clientPath} (normalized): the folder itself or anything below it. */
    boolean covers(String clientPath) {
        return path.equals("/") || clientPath.equals(path) || clientPath.startsWith(path + "/");
    }
}
