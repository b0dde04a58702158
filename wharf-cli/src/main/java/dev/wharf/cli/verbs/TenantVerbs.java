package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.api.UrlPaths;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.output.Column;

import java.util.List;

/** {@code wharf tenant ...}: tenants are Keycloak realms; creating, enabling and deleting them is for operators. */
final class TenantVerbs {
    static final List<Column> LIST = List.of(Column.of("id", "id"), Column.of("enabled", "enabled"));
    static final List<Column> SHOW = List.of(Column.of("id", "id"), Column.of("enabled", "enabled"),
            Column.of("portal", "portalUrl"), Column.of("host names", "hostnames"));

    private TenantVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("tenant", "tenants (create, enable/disable and delete: operators only)",
                Verb.global("create", "<id>", "create a tenant with Wharf's defaults (id: a lower-case DNS label)",
                        TenantVerbs::create),
                Verb.global("list", "", "list the tenants (all, page by page; or one page with --limit/--after)",
                        TenantVerbs::list, OptionSpec.value("limit", "n", "one page of at most n tenants (1-1000)"),
                        OptionSpec.value("after", "id", "the page after this tenant id (the previous page's next)")),
                Verb.global("show", "[<id>]", "a tenant: enabled, portal, host names and site settings (default: "
                        + "your own tenant)", TenantVerbs::show),
                Verb.global("update", "<id>", "enable or disable a tenant", TenantVerbs::update,
                        OptionSpec.value("enabled", "true|false", "false refuses every login of the tenant")),
                Verb.global("delete", "<id>", "delete a tenant with its users, groups, keys and settings",
                        TenantVerbs::delete, OptionSpec.flag("yes", "confirm the deletion (required)")),
                Verb.global("migrate", "[<id>]", "move a tenant kept as a Keycloak realm of its own into an "
                        + "organization of the shared realm (users keep passwords, 2FA and keys)", TenantVerbs::migrate,
                        OptionSpec.flag("all", "move every tenant still kept as a realm")));
    }

    private static void migrate(Invocation in) {
        List<String> ids = new java.util.ArrayList<>();
        if (in.options().has("all")) {
            in.api().identity("GET", "/v1/admin/tenant-migrations", null).path("tenants")
                    .forEach(t -> ids.add(t.asText()));
        } else {
            ids.add(in.optionalArg(0).orElseThrow(() -> CliException.usage("which tenant? wharf tenant migrate <id>, "
                    + "or --all for every tenant still kept as a realm")));
        }
        var answers = in.json().createArrayNode();
        for (String id : ids) {
            JsonNode moved = in.api().identity("POST", "/v1/admin/tenant-migrations/" + UrlPaths.segment(id), null);
            answers.add(moved);
            if (!in.out().jsonMode()) {
                in.out().say(moved.path("moved").asBoolean()
                        ? "moved tenant " + id + ": " + moved.path("users").asInt() + " users, "
                        + moved.path("groups").asInt() + " groups, " + moved.path("credentials").asInt() + " credentials"
                        : "tenant " + id + " is an organization already");
            }
        }
        if (in.out().jsonMode()) {
            in.out().json(answers);
        } else if (ids.isEmpty()) {
            in.out().say("no tenant is kept as a realm of its own: nothing to move");
        }
    }

    private static String path(String id) {
        return "/v1/admin/tenants/" + UrlPaths.segment(id);
    }

    private static void create(Invocation in) {
        String id = in.arg(0);
        ObjectNode body = in.object().put("id", id);
        JsonNode answer = in.api().identity("POST", "/v1/admin/tenants", body);
        if (in.out().jsonMode()) {
            in.out().json(answer.isMissingNode() ? body : answer);
            return;
        }
        in.out().say("created tenant " + id);
        in.out().say("next: wharf user create <name> --tenant " + id + "   (and wharf admin grant <name> --tenant "
                + id + " for its administrator)");
    }

    private static void list(Invocation in) {
        var limit = in.options().value("limit");
        var after = in.options().value("after");
        if (limit.isEmpty() && after.isEmpty()) {
            in.out().table(LIST, Pages.all(in.json().createArrayNode(), cursor -> tenantPage(in, "1000", cursor)));
            return;
        }
        JsonNode page = tenantPage(in, limit.orElse("100"), after.orElse(null));
        if (in.out().jsonMode()) {
            in.out().json(page);
            return;
        }
        in.out().table(LIST, page.path("items"));
        if (page.path("next").isTextual()) {
            in.out().say("next page: wharf tenant list --limit " + limit.orElse("100") + " --after "
                    + page.path("next").asText());
        }
    }

    private static JsonNode tenantPage(Invocation in, String limit, String after) {
        return in.api().identity("GET", "/v1/admin/tenants?limit=" + UrlPaths.segment(limit)
                + (after == null ? "" : "&after=" + UrlPaths.segment(after)), null);
    }

    private static void show(Invocation in) {
        String id = in.optionalArg(0).orElseGet(() -> {
            try {
                return in.tenant();
            } catch (CliException e) {
                throw CliException.usage("which tenant? wharf tenant show <id>", "list the tenants with: wharf tenant"
                        + " list");
            }
        });
        JsonNode t = in.api().identity("GET", path(id), null);
        if (in.out().jsonMode()) {
            in.out().json(t);
            return;
        }
        in.out().record(SHOW, t);
        if (t.has("settings")) {
            in.out().say("");
            in.out().say("site settings:");
            in.out().record(SiteVerbs.FIELDS, t.get("settings"));
        }
    }

    private static void update(Invocation in) {
        String id = in.arg(0);
        Boolean enabled = in.options().bool("enabled")
                .orElseThrow(() -> CliException.usage("nothing to update: add --enabled true|false"));
        JsonNode t = in.api().identity("PATCH", path(id), in.object().put("enabled", enabled));
        if (in.out().jsonMode()) {
            in.out().json(t);
        } else {
            in.out().say("tenant " + id + (enabled ? " enabled" : " disabled"));
        }
    }

    private static void delete(Invocation in) {
        String id = in.arg(0);
        if (!in.options().has("yes")) {
            throw CliException.usage("deleting tenant " + id + " removes its users, groups, keys and settings:"
                    + " add --yes to confirm");
        }
        in.api().identity("DELETE", path(id), null);
        in.out().say("deleted tenant " + id);
    }
}
