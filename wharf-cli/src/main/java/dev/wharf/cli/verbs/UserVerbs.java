package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.output.Column;

import java.util.List;

/** {@code wharf user ...}: the users of a tenant. */
final class UserVerbs {
    static final List<Column> LIST = List.of(Column.of("username", "username"), Column.of("enabled", "enabled"),
            Column.of("home", "home"));
    static final List<Column> SHOW = List.of(Column.of("username", "username"), Column.of("enabled", "enabled"),
            Column.of("home", "home"), Column.of("auth method", "authMethod"),
            Column.of("protocols", "allowedProtocols"), Column.of("address ranges", "allowedCidrs"),
            Column.of("groups", "groups"), Column.of("must change password", "mustChangePassword"),
            Column.of("2FA", "otp"), Column.of("SSH keys", "sshKeys"), Column.of("API keys", "apiKeys"),
            Column.of("created", "created"), Column.of("folder rules", "folderRules"),
            Column.of("shared folders", "sharedFolders"), Column.of("quota bytes", "quotaBytes"),
            Column.of("quota files", "quotaFiles"), Column.of("max file size", "maxFileSize"),
            Column.of("used bytes", "usedBytes"), Column.of("used files", "usedFiles"),
            Column.of("expires", "expires"), Column.of("max sessions", "maxSessions"),
            Column.of("upload bytes/s", "uploadBytesPerSecond"), Column.of("download bytes/s", "downloadBytesPerSecond"));

    private static final OptionSpec QUOTA_BYTES = OptionSpec.value("quota-bytes", "size",
            "most bytes the home may hold: a number with k, m, g or t (50g), or none");
    private static final OptionSpec QUOTA_FILES = OptionSpec.value("quota-files", "count",
            "most files the home may hold, or none");
    private static final OptionSpec MAX_FILE_SIZE = OptionSpec.value("max-file-size", "size",
            "largest file the user may upload: a number with k, m, g or t (2g), or none");
    private static final OptionSpec UPLOAD_LIMIT = OptionSpec.value("upload-limit", "size",
            "most bytes per second a session's uploads take: a number with k, m or g (512k), at least 1k, or none");
    private static final OptionSpec DOWNLOAD_LIMIT = OptionSpec.value("download-limit", "size",
            "most bytes per second a session's downloads take: a number with k, m or g (2m), at least 1k, or none");
    private static final OptionSpec EXPIRES = OptionSpec.value("expires", "date|never",
            "the last day the account may log in (UTC): yyyy-mm-dd, e.g. 2027-01-31; never removes it");
    private static final OptionSpec MAX_SESSIONS = OptionSpec.value("max-sessions", "count",
            "most FTP/SFTP sessions the user may have open at once, or none");
    private static final OptionSpec HOME = OptionSpec.value("home", "path", "home folder (absolute; default /<user>)");
    private static final OptionSpec PROTOCOLS = OptionSpec.value("protocols", "list",
            "allowed protocols, comma-separated: ftp,ftps,sftp (\"\" = no restriction of its own)");
    private static final OptionSpec CIDRS = OptionSpec.value("cidrs", "list",
            "allowed address ranges, comma-separated CIDRs (\"\" = any)");
    private static final OptionSpec MUST_CHANGE = OptionSpec.value("must-change-password", "true|false",
            "the user must change the password in the portal before logging in");
    private static final OptionSpec ENABLED = OptionSpec.value("enabled", "true|false", "false refuses every login");
    private static final OptionSpec NEW_PASSWORD = OptionSpec.value("new-password", "password|-",
            "the password (- reads it from standard input); default: a strong generated one, printed once");

    private UserVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("user", "the users of a tenant",
                Verb.tenant("create", "<user>", "create a user; prints the sharing details and, when generated,"
                        + " the password (once)", UserVerbs::create, NEW_PASSWORD, HOME, PROTOCOLS, CIDRS, ENABLED,
                        MUST_CHANGE),
                Verb.tenant("list", "", "list the users", UserVerbs::list),
                Verb.tenant("show", "<user>", "a user's settings, groups, 2FA and key counts", UserVerbs::show),
                Verb.tenant("update", "<user>", "change a user's settings", UserVerbs::update, HOME, PROTOCOLS, CIDRS,
                        ENABLED, MUST_CHANGE, GroupVerbs.FOLDER_RULES, GroupVerbs.SHARED_FOLDERS, QUOTA_BYTES, QUOTA_FILES, MAX_FILE_SIZE,
                        EXPIRES, MAX_SESSIONS, UPLOAD_LIMIT, DOWNLOAD_LIMIT, OptionSpec.value("auth-method", "password|none",
                                "none: no password logins (SSH keys and API keys only)")),
                Verb.tenant("delete", "<user>", "delete a user", UserVerbs::delete),
                Verb.tenant("enable", "<user>", "allow the user's logins again", in -> enabled(in, true)),
                Verb.tenant("disable", "<user>", "refuse every login of the user", in -> enabled(in, false)),
                Verb.tenant("password", "<user>", "reset a user's password (generated and printed once when not"
                        + " given)", UserVerbs::password, NEW_PASSWORD));
    }

    private static void create(Invocation in) {
        String user = in.arg(0);
        ObjectNode body = in.object().put("username", user);
        in.options().value("new-password").ifPresent(p -> body.put("password", Passwords.given(in, p)));
        in.options().value("home").ifPresent(h -> body.put("home", h));
        in.options().list("protocols").ifPresent(l -> body.set("allowedProtocols", in.array(l)));
        in.options().list("cidrs").ifPresent(l -> body.set("allowedCidrs", in.array(l)));
        in.options().bool("enabled").ifPresent(b -> body.put("enabled", b));
        in.options().bool("must-change-password").ifPresent(b -> body.put("mustChangePassword", b));
        JsonNode answer = in.api().identity("POST", in.tenantPath("users"), body);
        if (in.out().jsonMode()) {
            in.out().json(answer);
            return;
        }
        String password = answer.hasNonNull("password") ? answer.get("password").asText() : null;
        in.out().say("created user " + answer.path("username").asText(user) + " in tenant " + in.tenant());
        if (password != null) {
            in.out().say("generated password (shown once, hand it over now): " + password);
        }
        for (JsonNode s : answer.path("sharing")) {
            in.out().say("");
            Sharing.print(in.out(), s, false);
        }
    }

    private static void list(Invocation in) {
        in.out().table(LIST, in.api().identity("GET", in.tenantPath("users"), null));
    }

    private static void show(Invocation in) {
        in.out().record(SHOW, in.api().identity("GET", in.tenantPath("users", in.arg(0)), null));
    }

    private static void update(Invocation in) {
        ObjectNode body = in.object();
        in.options().value("home").ifPresent(h -> body.put("home", h));
        in.options().list("protocols").ifPresent(l -> body.set("allowedProtocols", in.array(l)));
        in.options().list("cidrs").ifPresent(l -> body.set("allowedCidrs", in.array(l)));
        in.options().bool("enabled").ifPresent(b -> body.put("enabled", b));
        in.options().bool("must-change-password").ifPresent(b -> body.put("mustChangePassword", b));
        in.options().semicolonList("folder-rules").ifPresent(l -> body.set("folderRules", in.array(l)));
        in.options().semicolonList("shared-folders").ifPresent(l -> body.set("sharedFolders", in.array(l)));
        in.options().size("quota-bytes").ifPresent(n -> body.put("quotaBytes", n));
        in.options().size("quota-files").ifPresent(n -> body.put("quotaFiles", n));
        in.options().size("max-file-size").ifPresent(n -> body.put("maxFileSize", n));
        in.options().value("expires").ifPresent(d -> body.put("expires", d.equals("never") ? "" : d));
        in.options().count("max-sessions").ifPresent(n -> body.put("maxSessions", n));
        in.options().size("upload-limit").ifPresent(n -> body.put("uploadBytesPerSecond", n));
        in.options().size("download-limit").ifPresent(n -> body.put("downloadBytesPerSecond", n));
        in.options().value("auth-method").ifPresent(m -> {
            if (!m.equals("password") && !m.equals("none")) {
                throw CliException.usage("--auth-method takes password or none, not \"" + m + "\"");
            }
            body.put("authMethod", m);
        });
        if (body.isEmpty()) {
            throw CliException.usage("nothing to update: give at least one of --home --protocols --cidrs --enabled"
                    + " --must-change-password --auth-method --folder-rules --shared-folders"
                    + " --quota-bytes --quota-files --max-file-size --expires --max-sessions --upload-limit"
                    + " --download-limit");
        }
        in.out().record(SHOW, in.api().identity("PATCH", in.tenantPath("users", in.arg(0)), body));
    }

    private static void delete(Invocation in) {
        in.api().identity("DELETE", in.tenantPath("users", in.arg(0)), null);
        in.out().say("deleted user " + in.arg(0) + " of tenant " + in.tenant());
    }

    private static void enabled(Invocation in, boolean enabled) {
        JsonNode u = in.api().identity("PATCH", in.tenantPath("users", in.arg(0)),
                in.object().put("enabled", enabled));
        if (in.out().jsonMode()) {
            in.out().json(u);
        } else {
            in.out().say("user " + in.arg(0) + (enabled ? " enabled" : " disabled"));
        }
    }

    private static void password(Invocation in) {
        String user = in.arg(0);
        String given = in.options().value("new-password").map(p -> Passwords.given(in, p)).orElse(null);
        String password = given != null ? given : Passwords.generate();
        in.api().identity("PUT", in.tenantPath("users", user, "password"), in.object().put("password", password));
        if (in.out().jsonMode()) {
            ObjectNode o = in.object().put("username", user);
            if (given == null) {
                o.put("password", password);
            }
            in.out().json(o);
        } else if (given == null) {
            in.out().say("new password of " + user + " (shown once, hand it over now): " + password);
        } else {
            in.out().say("password of " + user + " set");
        }
    }
}
