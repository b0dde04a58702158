package dev.wharf.policy.decision;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.address.IpAddresses;
import dev.wharf.policy.ban.Defender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Runs a decision and reports it: the log line, the {@code POLICY_DENIED} audit event and the metrics all carry
 * the same reason code. Input validation happens here so that every transport gets the same 400 answers.
 */
@ApplicationScoped
public class PolicyService {
    /** The audit {@code source} of events this service publishes. */
    public static final String AUDIT_SOURCE = "/policy-service";
    private static final Logger LOG = Logger.getLogger(PolicyService.class);

    private final PolicyDecider decider;
    private final AuditSink audit;
    private final MeterRegistry metrics;
    private final Counter failures;

    @Inject
    public PolicyService(PolicyDecider decider, AuditSink audit, MeterRegistry metrics, Defender bans, Clock clock) {
        this.decider = decider;
        this.audit = audit;
        this.metrics = metrics;
        this.failures = Counter.builder("wharf.policy.login.failures")
                .description("Failed logins reported by the gateways").register(metrics);
        Gauge.builder("wharf.policy.bans.active", bans, b -> b.bannedCount(clock.instant()))
                .description("Client addresses banned now").register(metrics);
    }

    public Decision connect(String clientIp, String tenant, String protocol) {
        Protocol p = protocol(protocol);
        String ip = address(clientIp);
        Decision d = decider.connect(ip, blankToNull(tenant), p);
        return report("connect", d, blankToNull(tenant), null, p, ip);
    }

    public Decision login(Principal principal, String protocol, String clientIp, boolean encrypted) {
        if (principal == null || isBlank(principal.tenant()) || isBlank(principal.username())) {
            throw new WharfException(Reason.BAD_REQUEST, "principal with tenant and username is required");
        }
        Protocol p = protocol(protocol);
        String ip = address(clientIp);
        Decision d = decider.login(principal, p, ip, encrypted);
        return report("login", d, principal.tenant(), principal.username(), p, ip);
    }

    public void loginFailed(String clientIp, String tenant, String username, String protocol) {
        String ip = address(clientIp);
        Protocol p = protocol == null ? null : protocol(protocol);
        failures.increment();
        decider.loginFailed(ip, blankToNull(tenant), blankToNull(username), p);
    }

    private Decision report(String stage, Decision d, String tenant, String user, Protocol p, String ip) {
        metrics.counter("wharf.policy.decisions", "stage", stage, "reason", d.reason().code()).increment();
        if (!d.allowed()) {
            LOG.infof("%s denied: tenant=%s user=%s protocol=%s address=%s reason=%s", stage, printable(tenant),
                    printable(user), p.wire(), ip, d.reason().code());
            audit.publish(AuditEvent.builder(AuditType.POLICY_DENIED, AUDIT_SOURCE)
                    .tenant(tenant).user(user).protocol(p.wire()).clientAddress(ip)
                    .reason(d.reason().code()).data("stage", stage).build());
        }
        return d;
    }

    private static Protocol protocol(String wire) {
        if (isBlank(wire)) {
            throw new WharfException(Reason.BAD_REQUEST, "protocol is required (ftp, ftps or sftp)");
        }
        try {
            return Protocol.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new WharfException(Reason.BAD_REQUEST, "unknown protocol " + printable(wire)
                    + ": expected ftp, ftps or sftp");
        }
    }

    /** The canonical form, so that one client has one ban counter however its address was written. */
    private static String address(String clientIp) {
        try {
            return IpAddresses.parseAddress(clientIp).toCanonicalString();
        } catch (IllegalArgumentException e) {
            throw new WharfException(Reason.BAD_REQUEST, "clientIp: " + e.getMessage());
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }

    private static String printable(String s) {
        return s == null ? null : dev.wharf.core.files.VirtualPaths.printable(s);
    }
}
