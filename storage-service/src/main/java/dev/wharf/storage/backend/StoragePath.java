package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated location in one tenant's namespace: the tenant id and an absolute, canonical path.
 *
 * <p>Canonical means the service never normalizes what it was sent: a path that would need normalizing
 * ({@code ..}, {@code .}, empty segments, a trailing slash) is refused, so two spellings never name one file and a
 * gateway bug cannot silently escape a home folder.
 */
public record StoragePath(String tenant, String path) {
    /** Longest segment in UTF-8 bytes: the NAME_MAX of common file systems. */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** Longest path in UTF-8 bytes; an S3 key (tenant + path) must also stay within 1024 bytes. */
    public static final int MAX_PATH_BYTES = 960;

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public StoragePath {
        checkTenant(tenant);
        checkPath(path);
    }

    /** Validates both parts; throws {@link WharfException} ({@code bad_request} / {@code invalid_path}). */
    public static StoragePath of(String tenant, String path) {
        return new StoragePath(tenant, path);
    }

    /** The tenant's root folder. */
    public static StoragePath root(String tenant) {
        return new StoragePath(tenant, "/");
    }

    public boolean isRoot() {
        return path.equals("/");
    }

    /** The last segment ({@code ""} for the root). */
    public String name() {
        return VirtualPaths.name(path);
    }

    /** The parent folder (the root is its own parent). */
    public StoragePath parent() {
        return isRoot() ? this : new StoragePath(tenant, VirtualPaths.parent(path));
    }

    /** The path without its leading slash ({@code ""} for the root), for joining onto a backend root. */
    public String relative() {
        return path.substring(1);
    }

    /** The segments from the top ({@code []} for the root). */
    public List<String> segments() {
        return isRoot() ? List.of() : List.of(relative().split("/"));
    }

    /** True when this path is {@code other} or lies below it. */
    public boolean isSameOrUnder(StoragePath other) {
        return tenant.equals(other.tenant)
                && (other.isRoot() || path.equals(other.path) || path.startsWith(other.path + "/"));
    }

    /** A child of this folder; {@code name} is validated like any segment. */
    public StoragePath child(String name) {
        return new StoragePath(tenant, isRoot() ? "/" + name : path + "/" + name);
    }

    /** True when {@code name} could be a segment of a valid path (used to skip foreign names in listings). */
    public static boolean isValidName(String name) {
        try {
            checkSegment(name);
            return true;
        } catch (WharfException e) {
            return false;
        }
    }

    static void checkTenant(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new WharfException(Reason.BAD_REQUEST,
                    "tenant id must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
    }

    static void checkPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new WharfException(Reason.INVALID_PATH, "path is required");
        }
        if (path.charAt(0) != '/') {
            throw new WharfException(Reason.INVALID_PATH, "path must be absolute (start with '/')");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new WharfException(Reason.INVALID_PATH, "path is longer than " + MAX_PATH_BYTES + " bytes");
        }
        if (path.equals("/")) {
            return;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            checkSegment(segment);
        }
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw new WharfException(Reason.INVALID_PATH, "path has an empty segment ('//' or a trailing '/')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new WharfException(Reason.INVALID_PATH, "'.' and '..' segments are not allowed");
        }
        VirtualPaths.checkSafe(segment);
        for (int i = 0; i < segment.length(); i++) {
            // checkSafe covers C0 and DEL; C1 controls are just as invisible in a listing
            if (Character.isISOControl(segment.charAt(i))) {
                throw new WharfException(Reason.INVALID_PATH, "control character in path");
            }
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw new WharfException(Reason.INVALID_PATH, "a path segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
    }

    @Override
    public String toString() {
        return tenant + ":" + VirtualPaths.printable(path);
    }
}
