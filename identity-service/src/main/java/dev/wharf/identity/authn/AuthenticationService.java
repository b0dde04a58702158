package dev.wharf.identity.authn;

import dev.wharf.core.Reason;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.Principal;
import dev.wharf.identity.keycloak.DirectGrant;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakUnavailableException;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.identity.tenant.TenantIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * Checks a login's credentials against the tenant's realm (ARCHITECTURE.md step 4) and answers the principal or
 * the precise reason. Every outcome is counted by reason; the password never reaches a log line.
 */
@ApplicationScoped
public class AuthenticationService {
    private static final Logger LOG = Logger.getLogger(AuthenticationService.class);

    private final DirectGrant grants;
    private final RefusalDiagnostics diagnostics;
    private final MeterRegistry metrics;
    private final Timer grantTimer;
    private final String adminRealm;

    @Inject
    public AuthenticationService(DirectGrant grants, RefusalDiagnostics diagnostics, MeterRegistry metrics,
                                 KeycloakConfig config) {
        this.grants = grants;
        this.diagnostics = diagnostics;
        this.metrics = metrics;
        this.adminRealm = config.adminRealm().toLowerCase(Locale.ROOT);
        this.grantTimer = Timer.builder("wharf.identity.keycloak.grant")
                .description("Time Keycloak takes to answer a password grant").register(metrics);
    }

    /** Refusals are answers; an unreachable Keycloak throws {@link KeycloakUnavailableException}. */
    public AuthResult authenticate(Credentials c) {
        String protocol = c.protocol() == null ? "unknown" : c.protocol().wire();
        try {
            AuthResult r = check(c);
            count(r.reason(), protocol);
            return r;
        } catch (KeycloakUnavailableException e) {
            count(Reason.SERVICE_UNAVAILABLE, protocol);
            LOG.warnf("login of %s in tenant %s from %s not checked, reason=%s: %s", printable(c.username()),
                    printable(c.tenant()), printable(c.clientIp()), Reason.SERVICE_UNAVAILABLE.code(), e.getMessage());
            throw e;
        }
    }

    private AuthResult check(Credentials c) {
        String tenant = c.tenant();
        // The admin realm holds the platform operators: never a place where gateway logins are checked.
        if (!TenantIds.isValid(tenant) || tenant.equals(adminRealm) || tenant.equals("master")) {
            return refuse(c, Reason.UNKNOWN_TENANT, "not a tenant id");
        }
        if (c.username() == null || c.username().isBlank() || c.password() == null || c.password().isEmpty()) {
            return refuse(c, Reason.BAD_CREDENTIALS, "empty user name or password");
        }
        Timer.Sample sample = Timer.start(metrics);
        DirectGrant.Result result;
        try {
            result = grants.passwordGrant(tenant, TenantDefaults.GATEWAY_CLIENT_ID, c.username(), c.password(),
                    c.otp());
        } finally {
            sample.stop(grantTimer);
        }
        if (result instanceof DirectGrant.Granted g) {
            grants.endSession(tenant, TenantDefaults.GATEWAY_CLIENT_ID, g.refreshToken());
            Principal p = PrincipalClaims.principal(tenant, c.username(), g.claims());
            LOG.infof("login of %s in tenant %s from %s over %s: ok", p.username(), tenant, printable(c.clientIp()),
                    protocolOf(c));
            return AuthResult.ok(p);
        }
        DirectGrant.Refused refused = (DirectGrant.Refused) result;
        GrantRefusals.Classified k = GrantRefusals.classify(refused);
        switch (k.cause()) {
            case INVALID_CREDENTIALS -> diagnostics.checkLockout(tenant, c.username());
            case REQUIRED_ACTIONS -> diagnostics.explainRequiredActions(tenant, c.username());
            case CLIENT_MISCONFIGURED -> LOG.errorf("tenant %s: client %s refuses password grants (%s): fix the "
                    + "realm", tenant, TenantDefaults.GATEWAY_CLIENT_ID, refused.description());
            case UNRECOGNISED -> LOG.warnf("tenant %s: unrecognised Keycloak refusal HTTP %d %s: %s", tenant,
                    refused.status(), refused.error(), refused.description());
            default -> {
            }
        }
        return refuse(c, k.reason(), k.cause().name().toLowerCase(Locale.ROOT));
    }

    private AuthResult refuse(Credentials c, Reason reason, String cause) {
        LOG.infof("login of %s in tenant %s from %s over %s refused, reason=%s (%s)", printable(c.username()),
                printable(c.tenant()), printable(c.clientIp()), protocolOf(c), reason.code(), cause);
        return AuthResult.refused(reason);
    }

    private void count(Reason reason, String protocol) {
        metrics.counter("wharf.identity.authentications", "reason", reason.code(), "protocol", protocol).increment();
    }

    private static String protocolOf(Credentials c) {
        return c.protocol() == null ? "unknown" : c.protocol().wire();
    }

    private static String printable(String s) {
        return s == null ? "-" : VirtualPaths.printable(s.length() > 128 ? s.substring(0, 128) + "..." : s);
    }
}
