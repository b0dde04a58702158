package dev.wharf.sftp.fs;

import java.nio.file.attribute.GroupPrincipal;

/** The owner (and group) shown for every entry: the logged-in user; storage keeps no owners. */
record WharfPrincipal(String getName) implements GroupPrincipal {
    @Override
    public String toString() {
        return getName;
    }
}
