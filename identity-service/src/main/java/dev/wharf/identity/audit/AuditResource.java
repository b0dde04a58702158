package dev.wharf.identity.audit;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The audit trail for the admin API ({@code wharf audit tail}), every tenant's: operators only. A tenant's
 * administrators read theirs through {@link TenantAuditResource}; the tenant filter is applied here, never left to
 * the client.
 */
@Path("/v1/admin/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditTrail trail;
    private final AdminAccess access;

    @Inject
    public AuditResource(AuditTrail trail, AdminAccess access) {
        this.trail = trail;
        this.access = access;
    }

    /** Every tenant's events, or one tenant's with {@code tenant}: operators only. */
    @GET
    public AuditPage all(@QueryParam("tenant") String tenant, @QueryParam("user") String user,
                         @QueryParam("type") String type, @QueryParam("since") String since,
                         @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("1000") int limit) {
        access.operator();
        return trail.read(query(blankToNull(tenant), user, type, since, after, limit));
    }

    static AuditQuery query(String tenant, String user, String type, String since, String after, int limit) {
        if (limit < 1 || limit > AuditTrail.MAX_LIMIT) {
            throw new WharfException(Reason.BAD_REQUEST, "limit must be 1-" + AuditTrail.MAX_LIMIT);
        }
        return new AuditQuery(tenant, blankToNull(user), blankToNull(type), since(since), AuditCursor.parse(after),
                limit);
    }

    /** An ISO-8601 instant, or a duration back from now (ISO {@code PT1H}); none: the last hour. */
    static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return Instant.now().minus(Duration.ofHours(1));
        }
        try {
            return text.startsWith("P") || text.startsWith("p") ? Instant.now().minus(Duration.parse(text))
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new WharfException(Reason.BAD_REQUEST, "since must be an ISO-8601 instant or duration (PT1H)");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
