package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.args.ParsedArgs;
import dev.wharf.cli.output.Column;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code wharf apikey ...}: API keys of a user (for scripts: log in as {@code @api-<name>} with the secret). */
final class ApiKeyVerbs {
    static final List<Column> LIST = List.of(Column.of("id", "id"), Column.of("name", "name"),
            Column.of("created", "created"), Column.of("expires", "expires"), Column.of("last used", "lastUsed"));
    static final List<Column> CREATED = List.of(Column.of("id", "id"), Column.of("name", "name"),
            Column.of("user", "username"), Column.of("login name", "loginName"), Column.of("created", "created"),
            Column.of("expires", "expires"), Column.of("secret", "secret"));

    private ApiKeyVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("apikey", "API keys of a user (log in as @api-<name> with the key as password)",
                Verb.tenant("create", "<user>", "create a key; its secret is printed once", ApiKeyVerbs::create,
                        OptionSpec.value("name", "name", "the key's name, unique in the tenant (required)"),
                        OptionSpec.value("expires", "when", "an ISO-8601 instant (2027-01-31T00:00:00Z) or a"
                                + " duration from now (90d, 12h); default: never")),
                Verb.tenant("list", "<user>", "list a user's keys (never their secrets)", in -> in.out().table(LIST,
                        in.api().identity("GET", in.tenantPath("users", in.arg(0), "apikeys"), null))),
                Verb.tenant("revoke", "<user> <id>", "revoke a key: logins with it stop at once", in -> {
                    in.api().identity("DELETE", in.tenantPath("users", in.arg(0), "apikeys", in.arg(1)), null);
                    in.out().say("revoked API key " + in.arg(1) + " of " + in.arg(0));
                }));
    }

    private static void create(Invocation in) {
        String name = in.options().value("name")
                .orElseThrow(() -> CliException.usage("an API key needs a name: add --name <name>"));
        ObjectNode body = in.object().put("name", name);
        in.options().value("expires").ifPresent(e -> body.put("expires", expires(e, Clock.systemUTC()).toString()));
        JsonNode key = in.api().identity("POST", in.tenantPath("users", in.arg(0), "apikeys"), body);
        if (in.out().jsonMode()) {
            in.out().json(key);
            return;
        }
        in.out().say("API key created (the secret is shown once: keep it now)");
        in.out().record(CREATED, key);
        in.out().say("Log in with user name " + key.path("loginName").asText("@api-" + name)
                + " and the secret as password.");
    }

    /** An ISO-8601 instant, or a duration from now ({@code 90d}); anything else is a usage error. */
    static Instant expires(String value, Clock clock) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return clock.instant().plus(ParsedArgs.parseDuration("expires", value)).truncatedTo(ChronoUnit.SECONDS);
            } catch (CliException notADuration) {
                throw CliException.usage("--expires takes an ISO-8601 instant such as 2027-01-31T00:00:00Z or a"
                        + " duration such as 90d or 12h, not \"" + value + "\"");
            }
        }
    }
}
