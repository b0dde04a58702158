package dev.wharf.core.access;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** One thing a folder rule allows; a rule is a set of these (or a {@link #PRESETS preset} naming one). */
public enum Permission {
    /** See the folder's entries. */
    LIST,
    /** Download files. */
    READ,
    /** Upload a file that does not exist yet. */
    WRITE,
    /** Replace, resume or append to an existing file. */
    OVERWRITE,
    /** Remove files and folders. */
    DELETE,
    /** Rename or move files and folders (needed at both the old and the new path). */
    RENAME,
    /** Create folders. */
    MKDIR;

    /** The named presets: {@code full}, {@code read-only}, {@code upload-only} (drop box), {@code no-delete}. */
    public static final java.util.Map<String, Set<Permission>> PRESETS = java.util.Map.of(
            "full", Set.of(values()),
            "read-only", Set.of(LIST, READ),
            "upload-only", Set.of(WRITE),
            // replacing a file destroys its content as surely as deleting it
            "no-delete", Set.of(LIST, READ, WRITE, RENAME, MKDIR),
            "none", Set.of());

    /** The wire name: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A preset name or a comma-separated list of wire names ({@code list,read}); 400 {@code bad_request} else. */
    public static Set<Permission> parseSet(String spelled) {
        Set<Permission> preset = PRESETS.get(spelled);
        if (preset != null) {
            return preset.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(preset);
        }
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (String p : spelled.split(",")) {
            try {
                set.add(valueOf(p.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new WharfException(Reason.BAD_REQUEST, "unknown permission '" + p.strip()
                        + "': use a preset (full, read-only, upload-only, no-delete, none) or of list, read, write, "
                        + "overwrite, delete, rename, mkdir");
            }
        }
        return set;
    }

    /** The shortest spelling of a set: its preset name, else its wire names comma-separated. */
    public static String spell(Set<Permission> set) {
        for (var e : PRESETS.entrySet()) {
            if (e.getValue().equals(set)) {
                return e.getKey();
            }
        }
        StringBuilder b = new StringBuilder();
        for (Permission p : values()) {
            if (set.contains(p)) {
                b.append(b.isEmpty() ? "" : ",").append(p.wire());
            }
        }
        return b.toString();
    }
}
