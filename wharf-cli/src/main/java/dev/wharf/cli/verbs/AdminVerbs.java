package dev.wharf.cli.verbs;

import dev.wharf.cli.output.Column;

import java.util.List;

/** {@code wharf admin ...}: a tenant's administrators (they manage their own tenant only). */
final class AdminVerbs {
    private AdminVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("admin", "a tenant's administrators (they sign in with --realm <tenant>)",
                Verb.tenant("list", "", "list the tenant's administrators", in -> in.out().table(
                        List.of(Column.of("username", "")), in.api().identity("GET", in.tenantPath("admins"), null))),
                Verb.tenant("grant", "<user>", "make a user of the tenant its administrator", in -> {
                    in.api().identity("PUT", in.tenantPath("admins", in.arg(0)), null);
                    in.out().say(in.arg(0) + " administers tenant " + in.tenant() + " now; they sign in with:"
                            + " WHARF_REALM=" + in.tenant() + " WHARF_USER=" + in.arg(0) + " wharf ...");
                }),
                Verb.tenant("revoke", "<user>", "take the administrator role away", in -> {
                    in.api().identity("DELETE", in.tenantPath("admins", in.arg(0)), null);
                    in.out().say(in.arg(0) + " no longer administers tenant " + in.tenant());
                }));
    }
}
