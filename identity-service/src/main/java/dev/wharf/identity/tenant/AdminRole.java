package dev.wharf.identity.tenant;

/** The admin realm's realm role that lets an operator use the admin API. */
public final class AdminRole {
    public static final String NAME = "admin";

    private AdminRole() {
    }
}
