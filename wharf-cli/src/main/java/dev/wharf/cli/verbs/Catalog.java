package dev.wharf.cli.verbs;

import java.util.List;
import java.util.Optional;

/** Every verb group of the CLI, in the order help lists them. */
public final class Catalog {
    private static final List<VerbGroup> GROUPS = List.of(TenantVerbs.group(), UserVerbs.group(), GroupVerbs.group(),
            OtpVerbs.group(), ApiKeyVerbs.group(), SshKeyVerbs.group(), SiteVerbs.group(), AdminVerbs.group(),
            ShareVerb.group(), BanVerbs.group(), AuditVerbs.group(), LoginVerbs.login(), LoginVerbs.logout());

    private Catalog() {
    }

    public static List<VerbGroup> groups() {
        return GROUPS;
    }

    public static Optional<VerbGroup> group(String name) {
        return GROUPS.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
