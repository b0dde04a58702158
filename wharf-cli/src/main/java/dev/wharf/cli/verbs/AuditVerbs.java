package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.args.ParsedArgs;
import dev.wharf.cli.api.UrlPaths;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code wharf audit tail}: the audit trail through identity-service, which keeps a tenant administrator to their
 * tenant; an operator sees every tenant unless they name one.
 */
final class AuditVerbs {
    /** Events asked for per call. */
    static final int PAGE = 1000;
    /** The pause between two calls of {@code --follow} once it has caught up. */
    static final Duration FOLLOW_PAUSE = Duration.ofSeconds(2);

    private AuditVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("audit", "the audit trail: logins, transfers, admin changes",
                Verb.tenant("tail", "", "print audit events, one line each (time tenant user protocol address action "
                        + "path bytes result reason)", in -> tail(in, Long.MAX_VALUE),
                        // not --user: that global option names who signs in
                        OptionSpec.value("event-user", "name", "only this user's events"),
                        OptionSpec.value("type", "type", "only this event type: file.uploaded, login.failed, "
                                + "admin.changed, ... (wharf-audit/README.md)"),
                        OptionSpec.value("since", "when", "from this long ago (1h, 30m, 2d) or an ISO-8601 instant;"
                                + " default 1h"),
                        OptionSpec.flag("follow", "keep printing new events until interrupted (Ctrl-C)")));
    }

    /** Prints pages until caught up, then, with {@code --follow}, polls (at most {@code maxCalls} calls in all). */
    static void tail(Invocation in, long maxCalls) {
        String path = in.optionalTenant().map(t -> "/v1/admin/tenants/" + UrlPaths.segment(t) + "/audit")
                .orElse("/v1/admin/audit");
        Map<String, String> query = new LinkedHashMap<>();
        in.options().value("event-user").ifPresent(u -> query.put("user", u));
        in.options().value("type").ifPresent(t -> query.put("type", t));
        query.put("since", since(in.options().value("since").orElse("1h")).toString());
        query.put("limit", String.valueOf(PAGE));
        boolean follow = in.options().has("follow");
        for (long call = 0; call < maxCalls; call++) {
            JsonNode page = in.api().identity("GET", path + "?" + encode(query), null);
            for (JsonNode event : page.path("events")) {
                if (in.out().jsonMode()) {
                    in.out().jsonLine(event);
                } else {
                    in.out().say(line(event));
                }
            }
            query.put("after", page.path("next").asText());
            if (page.path("events").size() < PAGE) {
                if (!follow) {
                    return;
                }
                pause();
            }
        }
    }

    /** One readable line: time tenant user protocol address action path bytes result reason ({@code -}: none). */
    static String line(JsonNode event) {
        JsonNode data = event.path("data");
        String type = event.path("type").asText();
        String action = data.hasNonNull("action") ? data.path("action").asText()
                : type.startsWith("dev.wharf.") ? type.substring("dev.wharf.".length()) : type;
        String reason = text(data, "reason");
        boolean refused = type.endsWith("failed") || type.endsWith("denied") || type.endsWith("refused")
                || !(reason.equals("-") || reason.equals("ok"));
        String user = data.hasNonNull("target") && !data.path("target").asText().equals(data.path("user").asText())
                ? text(data, "user") + "→" + data.path("target").asText() : text(data, "user");
        return String.join(" ", text(event, "time"), text(data, "tenant"), user, text(data, "protocol"),
                text(data, "clientAddress"), action, text(data, "path"), text(data, "bytes"),
                refused ? "FAILED" : "ok", reason);
    }

    /** An ISO-8601 instant, or a duration back from now ({@code 1h}); anything else is a usage error. */
    static Instant since(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            Duration back = ParsedArgs.parseDuration("since", value);
            return Instant.now().minus(back);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isEmpty() ? "-" : v.asText();
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static void pause() {
        try {
            Thread.sleep(FOLLOW_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
