package dev.wharf.core.access;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.util.regex.Pattern;

/**
 * Where a tenant's shared folders live in its namespace: {@code /_shared/<name>}. No home collides with it (a user
 * name, and so a default home, starts with a letter or digit; the admin API refuses homes under it), and a mount
 * ({@link AccessRule#mount()}) is the only way into it for a user whose home is not the whole tenant.
 */
public final class SharedFolders {
    /** The tenant-namespace folder that holds every shared folder. */
    public static final String ROOT = "/_shared";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private SharedFolders() {
    }

    /** The tenant-namespace path of shared folder {@code name}. */
    public static String path(String name) {
        return ROOT + "/" + name;
    }

    /** Nothing, if {@code name} can name a shared folder (1-64 of a-z, 0-9, '.', '_', '-'); 400 else. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new WharfException(Reason.BAD_REQUEST, "a shared folder's name is 1-64 characters of a-z, 0-9, '.',"
                    + " '_' and '-', starting with a letter or digit");
        }
    }

    /** Whether the tenant-namespace {@code path} is {@link #ROOT} or inside it. */
    public static boolean isShared(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }
}
