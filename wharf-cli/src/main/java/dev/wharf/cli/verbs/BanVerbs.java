package dev.wharf.cli.verbs;

import dev.wharf.cli.api.AdminApi;
import dev.wharf.cli.api.ApiException;
import dev.wharf.cli.api.UrlPaths;
import dev.wharf.cli.output.Column;

import java.util.List;

/** {@code wharf ban ...}: address bans of policy-service (operators only). */
final class BanVerbs {
    static final List<Column> COLUMNS = List.of(Column.of("address", "clientIp"), Column.of("user", "username"),
            Column.of("tenant", "tenant"), Column.of("reason", "reason"), Column.of("since", "since"),
            Column.of("until", "until"), Column.of("offences", "offences"));

    private BanVerbs() {
    }

    /**
     * The API, for an operator's session only: policy-service trusts tokens of the admin realm alone and answers a
     * tenant's token 401, which would read as "not signed in" (exit 3) rather than as the refusal it is.
     */
    private static AdminApi operator(Invocation in) {
        if (in.connection().tenantRealm()) {
            throw new ApiException(403, "permission_denied", "bans are managed by platform operators only; signed in"
                    + " to realm " + in.connection().realm(), "sign in with --realm master (WHARF_REALM=master)");
        }
        return in.api();
    }

    static VerbGroup group() {
        return VerbGroup.of("ban", "address bans after repeated failed logins (operators only)",
                Verb.global("list", "", "the bans in force", in ->
                        in.out().table(COLUMNS, operator(in).policy("GET", "/v1/admin/bans", null))),
                Verb.global("lift", "<address>", "lift every ban on an address (on all replicas)", in -> {
                    operator(in).policy("DELETE", "/v1/admin/bans/" + UrlPaths.segment(in.arg(0)), null);
                    in.out().say("lifted the bans on " + in.arg(0));
                }));
    }
}
