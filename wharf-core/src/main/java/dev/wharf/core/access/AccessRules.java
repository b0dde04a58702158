package dev.wharf.core.access;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one evaluation of folder rules, used by the gateways' file operations and again by storage-service on the
 * grant. For a path, the rule with the most specific path covering it decides; at the same path the user's own rule
 * wins over its groups' rules, and the rules of several groups at that path add up. A path no rule covers allows
 * everything (a user without rules keeps the full access of a home folder).
 *
 * <p>A shared folder's mount ({@link AccessRule#mount()}) is a rule like the others for this evaluation, at its mount
 * path; it also says where the paths below it are stored ({@link #real}): in the tenant's shared folder, not in the
 * home.
 */
public final class AccessRules {
    /** No rules: everything allowed. */
    public static final AccessRules NONE = new AccessRules(List.of());

    private final List<AccessRule> rules;

    private AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static AccessRules of(List<AccessRule> rules) {
        return rules == null || rules.isEmpty() ? NONE : new AccessRules(rules);
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /** The rules in their wire form ({@link AccessRule#toWire()}). */
    public List<java.util.Map<String, String>> toWire() {
        return rules.stream().map(AccessRule::toWire).toList();
    }

    /** Rules from their wire form; null or empty is {@link #NONE}. */
    public static AccessRules fromWire(List<? extends java.util.Map<?, ?>> wire) {
        return wire == null || wire.isEmpty() ? NONE : of(wire.stream().map(AccessRule::fromWire).toList());
    }

    /** The decision for {@code clientPath} (normalized, client view): what is allowed there and which rule said so. */
    public Decision decide(String clientPath) {
        AccessRule user = null;
        List<AccessRule> groups = new java.util.ArrayList<>(2);
        int best = -1;
        for (AccessRule r : rules) {
            if (!r.covers(clientPath)) {
                continue;
            }
            int depth = r.path().length();
            if (depth > best) {
                best = depth;
                user = null;
                groups.clear();
            }
            if (depth == best) {
                if (r.group() == null) {
                    user = r;
                } else {
                    groups.add(r);
                }
            }
        }
        if (user != null) {
            return new Decision(user.permissions(), user);
        }
        if (groups.isEmpty()) {
            return Decision.UNRULED;
        }
        if (groups.size() == 1) {
            return new Decision(groups.getFirst().permissions(), groups.getFirst());
        }
        EnumSet<Permission> union = EnumSet.noneOf(Permission.class);
        groups.forEach(g -> union.addAll(g.permissions()));
        return new Decision(union, groups.getFirst());
    }

    /**
     * The mount {@code clientPath} (normalized, client view) lies in, or null: the most specific mount path covering
     * it; at the same path the user's own mount wins over its groups'.
     */
    public AccessRule mountAt(String clientPath) {
        AccessRule best = null;
        for (AccessRule r : rules) {
            if (r.mount() && r.covers(clientPath) && (best == null || r.path().length() > best.path().length()
                    || r.path().length() == best.path().length() && best.group() != null && r.group() == null)) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Where {@code clientPath} (normalized, client view) is stored in the tenant's namespace: in the shared folder of
     * the mount it lies in, else under {@code home}. Both stay confined: the client path is normalized first, so
     * no {@code ..} reaches past a mount or the home.
     */
    public String real(String home, String clientPath) {
        AccessRule m = mountAt(clientPath);
        if (m == null) {
            return VirtualPaths.underHome(home, clientPath);
        }
        return SharedFolders.path(m.folder()) + clientPath.substring(m.path().length());
    }

    /**
     * The client-view paths that name the tenant-namespace {@code realPath} for a holder of these rules: below
     * {@code home} (if it is), and below each mount of the shared folder it lies in. storage-service allows an
     * operation when one of them allows it (a user may mount one shared folder at two paths).
     */
    public List<String> clientViews(String home, String realPath) {
        List<String> views = new java.util.ArrayList<>(2);
        String h = home == null || home.isEmpty() ? "/" : home;
        if (h.equals("/")) {
            views.add(realPath);
        } else if (realPath.equals(h)) {
            views.add("/");
        } else if (realPath.startsWith(h + "/")) {
            views.add(realPath.substring(h.length()));
        }
        for (AccessRule r : rules) {
            String root = r.mount() ? SharedFolders.path(r.folder()) : null;
            if (root != null && (realPath.equals(root) || realPath.startsWith(root + "/"))) {
                views.add(r.path() + realPath.substring(root.length()));
            }
        }
        return views;
    }

    /** Whether some mount reaches the tenant-namespace {@code realPath} (a shared folder or a path inside one). */
    public boolean mounts(String realPath) {
        for (AccessRule r : rules) {
            if (r.mount()) {
                String root = SharedFolders.path(r.folder());
                if (realPath.equals(root) || realPath.startsWith(root + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The folder names a listing of {@code clientDir} shows for mounts below it ({@code /shared} for a mount at
     * {@code /shared/finance} listed at {@code /}), which may not exist in the home.
     */
    public java.util.SortedSet<String> mountEntries(String clientDir) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        String prefix = clientDir.equals("/") ? "/" : clientDir + "/";
        for (AccessRule r : rules) {
            if (r.mount() && r.path().startsWith(prefix)) {
                String rest = r.path().substring(prefix.length());
                int slash = rest.indexOf('/');
                names.add(slash < 0 ? rest : rest.substring(0, slash));
            }
        }
        return names;
    }

    /** Whether {@code clientPath} is a mount path or a folder above one: it cannot be removed or renamed. */
    public boolean holdsMount(String clientPath) {
        for (AccessRule r : rules) {
            if (r.mount() && (clientPath.equals("/") || r.path().equals(clientPath)
                    || r.path().startsWith(clientPath + "/"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code p} is allowed at {@code clientPath}. */
    public boolean allows(String clientPath, Permission p) {
        return decide(clientPath).allows(p);
    }

    /**
     * Nothing, if {@code p} is allowed at {@code clientPath}; else {@link Reason#PERMISSION_DENIED} whose detail names
     * the operation, the path and the rule.
     */
    public void require(String clientPath, Permission p) {
        Decision d = decide(clientPath);
        if (!d.allows(p)) {
            throw denied(clientPath, p, d);
        }
    }

    /** The refusal of {@code p} at {@code clientPath} under {@code d}. */
    public static AccessDenied denied(String clientPath, Permission p, Decision d) {
        return new AccessDenied(clientPath, p, d.rule());
    }

    /** The permissions at one path and the rule they come from (null: no rule covers the path). */
    public record Decision(Set<Permission> permissions, AccessRule rule) {
        static final Decision UNRULED = new Decision(EnumSet.allOf(Permission.class), null);

        public boolean allows(Permission p) {
            return permissions.contains(p);
        }

        /**
         * What an upload needs here: {@code overwrite} to resume or append ({@code extending}) or to replace an
         * existing file, {@code write} for a new one. {@code exists} (a storage call) is asked only when the rule
         * allows just one of the two.
         */
        public Permission uploadNeeds(boolean extending, java.util.function.BooleanSupplier exists) {
            boolean write = allows(Permission.WRITE);
            boolean overwrite = allows(Permission.OVERWRITE);
            if (extending) {
                return Permission.OVERWRITE;
            }
            if (write == overwrite) {
                return Permission.WRITE; // both allowed, or neither (refused as a write)
            }
            return exists.getAsBoolean() ? Permission.OVERWRITE : Permission.WRITE;
        }
    }

    /** A refusal by a folder rule: {@code permission_denied}, with the rule for the audit event. */
    public static final class AccessDenied extends WharfException {
        private final transient AccessRule rule;
        private final Permission permission;
        private final String path;

        AccessDenied(String path, Permission permission, AccessRule rule) {
            super(Reason.PERMISSION_DENIED, permission.wire() + " not allowed at " + VirtualPaths.printable(path)
                    + " by rule " + (rule == null ? "(none)" : rule.describe()));
            this.rule = rule;
            this.permission = permission;
            this.path = path;
        }

        public AccessRule rule() {
            return rule;
        }

        public Permission permission() {
            return permission;
        }

        public String path() {
            return path;
        }
    }
}
