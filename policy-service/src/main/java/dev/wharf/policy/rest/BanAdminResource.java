package dev.wharf.policy.rest;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import dev.wharf.policy.address.IpAddresses;
import dev.wharf.policy.ban.Ban;
import dev.wharf.policy.ban.Defender;
import dev.wharf.policy.decision.PolicyService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Operators list and lift bans ({@code /v1/admin/bans}, docs/service-api.md): bearer tokens of the admin realm
 * with realm role {@value #OPERATOR_ROLE}. A lift is an event on the defender's shared log, so it applies on every
 * replica, and an {@code ADMIN_CHANGE} audit event ({@code ban.lifted}).
 */
@Path("/v1/admin/bans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(BanAdminResource.OPERATOR_ROLE)
public class BanAdminResource {
    /** Realm role of platform operators in the admin realm. */
    public static final String OPERATOR_ROLE = "wharf-operator";
    private static final Logger LOG = Logger.getLogger(BanAdminResource.class);

    private final Defender defender;
    private final AuditSink audit;
    private final SecurityIdentity identity;

    @Inject
    public BanAdminResource(Defender defender, AuditSink audit, SecurityIdentity identity) {
        this.defender = defender;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    public List<Ban> list() {
        return defender.bans();
    }

    /** Answers 204 once lifted here; the other replicas follow through the shared log. */
    @DELETE
    @Path("/{clientIp}")
    public void lift(@PathParam("clientIp") String clientIp) {
        String address;
        try {
            address = IpAddresses.parseAddress(clientIp).toCanonicalString();
        } catch (IllegalArgumentException e) {
            throw new WharfException(Reason.BAD_REQUEST, "clientIp: " + e.getMessage());
        }
        String actor = identity.getPrincipal().getName();
        if (!defender.lift(address, actor)) {
            throw new WharfException(Reason.NOT_FOUND, "address " + address + " is not banned");
        }
        LOG.infof("ban lifted: address=%s actor=%s", address, actor);
        audit.publish(AuditEvent.builder(AuditType.ADMIN_CHANGE, PolicyService.AUDIT_SOURCE).user(actor)
                .reason(Reason.OK.code()).data("action", "ban.lifted").data("actor", actor)
                .data("target", address).build());
    }
}
