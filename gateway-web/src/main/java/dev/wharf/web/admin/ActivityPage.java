package dev.wharf.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditType;
import dev.wharf.web.files.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's recent activity for its administrators: its audit events from {@code wharf.audit}, read by
 * identity-service's audit API (the one {@code wharf audit tail} uses, which keeps a tenant administrator to their
 * tenant), filtered by user, type and time, newest first. No database of its own.
 */
@Path("/admin/activity")
@Authenticated
@Blocking
public class ActivityPage {
    /** The time windows offered, as the filter's values and their length. */
    static final Map<String, Duration> WINDOWS = windows();
    /** Events asked for per call, and calls per page view: what one view may read is bounded. */
    static final int PAGE = 1000;
    static final int MAX_CALLS = 5;
    /** The newest events shown. */
    static final int SHOWN = 200;

    @Inject
    PortalRequest request;
    @Inject
    AdminClient admin;

    Clock clock = Clock.systemUTC();

    /** One event as a table row: {@code time} to the second for people, {@code instant} as the event has it. */
    public record Row(String time, String instant, String user, String protocol, String address, String action,
                      String path, String bytes, boolean failed, String reason) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance activity(String user, String tenant, List<Row> rows, String filterUser,
                                                String filterType, String window, List<String> types,
                                                List<String> windows, boolean more);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@QueryParam("user") String user, @QueryParam("type") String type,
                                 @QueryParam("since") String since) {
        String tenant = request.adminTenant();
        String window = since == null || since.isBlank() ? "1h" : since;
        Duration back = WINDOWS.get(window);
        if (back == null) {
            throw new WharfException(Reason.BAD_REQUEST, "since must be one of " + WINDOWS.keySet());
        }
        String who = user == null || user.isBlank() ? null : user.strip();
        String what = type == null || type.isBlank() ? null : type.strip();
        Deque<JsonNode> newest = new ArrayDeque<>();
        String after = null;
        boolean more = false;
        for (int call = 0; call < MAX_CALLS; call++) {
            AdminClient.AuditPage page = admin.audit(request.accessToken(), tenant,
                    clock.instant().minus(back).toString(), after, who, what, PAGE);
            for (JsonNode e : page.events()) {
                newest.addFirst(e);
                if (newest.size() > SHOWN) {
                    newest.removeLast();
                    more = true;
                }
            }
            if (page.events().size() < PAGE) {
                break;
            }
            after = page.next();
        }
        List<Row> rows = new ArrayList<>();
        newest.forEach(e -> rows.add(row(e)));
        return Templates.activity(request.session().username(), tenant, rows, who == null ? "" : who,
                what == null ? "" : what, window,
                Arrays.stream(AuditType.values()).map(AuditType::type).toList(), List.copyOf(WINDOWS.keySet()), more);
    }

    /** One event as a row: the change's action for admin changes, else its type without {@code dev.wharf.}. */
    static Row row(JsonNode event) {
        JsonNode data = event.path("data");
        String type = event.path("type").asText();
        String action = data.hasNonNull("action") ? data.path("action").asText()
                : type.startsWith("dev.wharf.") ? type.substring("dev.wharf.".length()) : type;
        String reason = text(data, "reason");
        boolean failed = type.endsWith("failed") || type.endsWith("denied") || type.endsWith("refused")
                || !(reason.isEmpty() || reason.equals("ok"));
        String user = text(data, "user");
        String target = text(data, "target");
        String instant = text(event, "time");
        String who = target.isEmpty() || target.equals(user) ? user : user + " → " + target;
        return new Row(readable(instant), instant, who, text(data, "protocol"), text(data, "clientAddress"), action,
                text(data, "path"), text(data, "bytes"), failed, reason);
    }

    /** {@code 2026-12-07 18:33:51} of {@code 2026-12-07T18:33:51.554133686Z} (the column says UTC). */
    static String readable(String instant) {
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ')
                    .replace("Z", "");
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> w = new LinkedHashMap<>();
        w.put("15m", Duration.ofMinutes(15));
        w.put("1h", Duration.ofHours(1));
        w.put("24h", Duration.ofHours(24));
        w.put("7d", Duration.ofDays(7));
        return w;
    }
}
