package dev.wharf.identity.authn;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.tenancy.SiteSettings;
import dev.wharf.core.Reason;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.Principal;
import dev.wharf.identity.apikey.ApiKeyService;
import dev.wharf.identity.keycloak.DirectGrant;
import dev.wharf.identity.sshkey.SshKeyService;
import dev.wharf.core.session.Protocol;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.tenant.TenantDirectory;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakUnavailableException;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.identity.tenant.TenantIds;
import dev.wharf.tenancy.UserAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a login's credentials against the tenant's realm (ARCHITECTURE.md step 4) and answers the principal or
 * the precise reason. Every outcome is counted by reason; the password never reaches a log line.
 */
@ApplicationScoped
public class AuthenticationService {
    private static final Logger LOG = Logger.getLogger(AuthenticationService.class);

    private static final int CODE_DIGITS = 6;
    private static final Pattern CODE = Pattern.compile("[0-9]{" + CODE_DIGITS + "}");
    // Keycloak accepts a code in its own 30 s step and one step either side (look-around 1): 3 steps in all.
    private static final Duration CODE_MEMORY = Duration.ofSeconds(90);

    private final DirectGrant grants;
    private final TenantAccounts keycloak;
    private final TenantDirectory directory;
    private final SecondFactorState state;
    private final ApiKeyService apiKeys;
    private final SshKeyService sshKeys;
    private final PasswordCheckCache cache;
    private final AccountThrottle throttle;
    private final CredentialDigest digests;
    private final RefusalDiagnostics diagnostics;
    private final AccountLifecycle lifecycle;
    private final MeterRegistry metrics;
    private final Timer grantTimer;
    private final String adminRealm;

    @Inject
    public AuthenticationService(DirectGrant grants, TenantAccounts keycloak, SecondFactorState state,
                                 CredentialDigest digests, ApiKeyService apiKeys, SshKeyService sshKeys,
                                 PasswordCheckCache cache, RefusalDiagnostics diagnostics, MeterRegistry metrics,
                                 KeycloakConfig config, AccountThrottle throttle, TenantDirectory directory,
                                 AccountLifecycle lifecycle) {
        this.throttle = throttle;
        this.lifecycle = lifecycle;
        this.directory = directory;
        this.cache = cache;
        this.grants = grants;
        this.keycloak = keycloak;
        this.state = state;
        this.digests = digests;
        this.apiKeys = apiKeys;
        this.sshKeys = sshKeys;
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
            if (r.ok()) {
                r = lifecycle(c, r, c.username().startsWith(ApiKeyService.LOGIN_PREFIX) ? LoginMethod.API_KEY
                        : LoginMethod.PASSWORD);
            }
            count(r.reason(), protocol);
            return r;
        } catch (KeycloakUnavailableException e) {
            count(Reason.SERVICE_UNAVAILABLE, protocol);
            LOG.warnf("login of %s in tenant %s from %s not checked, reason=%s: %s", printable(c.username()),
                    printable(c.tenant()), printable(c.clientIp()), Reason.SERVICE_UNAVAILABLE.code(), e.getMessage());
            throw e;
        }
    }

    /** A public-key login (SFTP): the gateway has checked the client's signature; this checks the key is the user's. */
    public AuthResult authenticatePublicKey(String tenant, String username, String publicKey, String clientIp,
                                            Protocol protocol, String sessionId) {
        Credentials c = new Credentials(tenant, username, null, null, clientIp, protocol, sessionId);
        String wire = protocol == null ? "unknown" : protocol.wire();
        try {
            AuthResult r = sshKeys.authenticate(tenant, username, publicKey);
            if (!r.ok()) {
                count(r.reason(), wire);
                return refuse(c, r.reason(), "public key");
            }
            // a lifecycle refusal is logged where it is decided
            r = lifecycle(c, r, LoginMethod.SSH_KEY);
            count(r.reason(), wire);
            if (r.ok()) {
                LOG.infof("login of %s in tenant %s from %s over %s: ok (public key)", r.principal().username(),
                        tenant, printable(clientIp), wire);
            }
            return r;
        } catch (KeycloakUnavailableException e) {
            count(Reason.SERVICE_UNAVAILABLE, wire);
            throw e;
        }
    }

    /**
     * The account lifecycle step ({@link AccountLifecycle}) of a login whose credential {@code ok} verified: the
     * same answer, or its refusal (expired, 2FA not enrolled, password too old, too many sessions).
     */
    private AuthResult lifecycle(Credentials c, AuthResult ok, LoginMethod method) {
        Optional<Reason> refused = lifecycle.refusal(c.tenant(), ok.principal().username(), method, c.protocol(),
                c.sessionId());
        return refused.isPresent() ? refuse(c, refused.get(), "credential right, account lifecycle") : ok;
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
        Optional<Reason> closed = directory.loginRefusal(tenant);
        if (closed.isPresent()) {
            return refuse(c, closed.get(), "tenant");
        }
        Instant now = Instant.now();
        Optional<Instant> throttled = throttle.throttledUntil(tenant, c.username(), c.clientIp(), now);
        if (throttled.isPresent()) {
            return refuse(c, Reason.ACCOUNT_THROTTLED, "too many failures for this account until "
                    + throttled.get());
        }
        AuthResult r = checkCredentials(c);
        if (r.ok()) {
            throttle.succeeded(tenant, c.username(), c.clientIp(), now);
        } else if (isGuess(r.reason())) {
            throttle.failed(tenant, c.username(), now);
        }
        return r;
    }

    /** Wrong passwords and codes: what the per-account throttle counts. */
    private static boolean isGuess(Reason reason) {
        return reason == Reason.BAD_CREDENTIALS || reason == Reason.SECOND_FACTOR_INVALID;
    }

    /**
     * Until the password is verified every refusal is bad_credentials and costs one password hash in Keycloak
     * (issue 11, must-have 4): the password of a 2FA or keys-only user is checked alone first, through
     * {@link TenantDefaults#PASSWORD_CHECK_CLIENT_ID}. Keycloak 26 says "Account disabled" and "Account is not
     * fully set up" only after the right password (EnumerationTest), so those reasons pass through as they are.
     */
    private AuthResult checkCredentials(Credentials c) {
        String tenant = c.tenant();
        if (c.username().startsWith(ApiKeyService.LOGIN_PREFIX)) {
            AuthResult r = apiKeys.authenticate(tenant, c.username(), c.password());
            if (r.ok()) {
                LOG.infof("login of %s in tenant %s from %s over %s: ok (API key %s)", r.principal().username(),
                        tenant, printable(c.clientIp()), protocolOf(c), printable(c.username()));
                return r;
            }
            return refuse(c, r.reason(), "API key");
        }
        Optional<Principal> cached = cache.get(tenant, c.username(), c.password());
        if (cached.isPresent()) {
            metrics.counter("wharf.identity.password.cache.hits").increment();
            LOG.infof("login of %s in tenant %s from %s over %s: ok (cached password check)", cached.get().username(),
                    tenant, printable(c.clientIp()), protocolOf(c));
            return AuthResult.ok(cached.get());
        }
        // Keycloak answers a missing, wrong or reused code exactly like a wrong password, so whether the user has
        // a second factor must be known before asking it (README.md, "Second factor").
        Optional<KeycloakUser> user;
        try {
            user = keycloak.userByUsername(tenant, c.username());
        } catch (KeycloakErrorException e) {
            // no such realm (404) and the like: the password grant below answers the precise reason
            user = Optional.empty();
        }
        if (user.isPresent() && UserAttributes.AUTH_NONE.equals(user.get().attribute(UserAttributes.AUTH_METHOD)
                .orElse(null))) {
            Optional<AuthResult> wrong = passwordOnly(c, c.username(), c.password());
            if (wrong.isPresent()) {
                return wrong.get();
            }
            return refuse(c, Reason.PASSWORD_LOGIN_NOT_ALLOWED, "authMethod none, password right");
        }
        if (user.isPresent() && user.get().totp()) {
            return checkWithSecondFactor(c, user.get().username());
        }
        AuthResult r = grant(c, c.password(), c.otp()).result();
        if (r.ok() && user.isPresent()) {
            cache.put(tenant, c.username(), c.password(), r.principal());
        }
        return r;
    }

    private AuthResult checkWithSecondFactor(Credentials c, String username) {
        String tenant = c.tenant();
        String clientIp = c.clientIp() == null ? "" : c.clientIp();
        String password = c.password();
        String code = c.otp() == null || c.otp().isBlank() ? null : c.otp().strip();
        Instant now = Instant.now();
        Optional<SecondFactorState.Grace> grace = state.grace(tenant, username, clientIp, now);
        if (grace.isPresent()) {
            byte[] seen = grace.get().passwordDigest();
            boolean same = CredentialDigest.same(seen, digests.digest(tenant, username, password))
                    || code == null && hasCodeSuffix(password)
                    && CredentialDigest.same(seen, digests.digest(tenant, username, withoutCode(password)));
            if (same) {
                LOG.infof("login of %s in tenant %s from %s over %s: ok (2FA grace window until %s)", username,
                        tenant, printable(clientIp), protocolOf(c), grace.get().until());
                return AuthResult.ok(grace.get().principal());
            }
        }
        if (code == null && hasCodeSuffix(password)) {
            code = password.substring(password.length() - CODE_DIGITS);
            password = withoutCode(password);
        }
        // the password alone first: nothing about the second factor is said to someone who does not know it
        Optional<AuthResult> wrong = passwordOnly(c, c.username(), password);
        if (wrong.isPresent()) {
            return wrong.get();
        }
        if (code == null) {
            return refuse(c, Reason.SECOND_FACTOR_REQUIRED, "password right, no code");
        }
        if (!CODE.matcher(code).matches()) {
            return refuse(c, Reason.SECOND_FACTOR_INVALID, "password right, not a " + CODE_DIGITS + "-digit code");
        }
        Outcome outcome = grant(c, password, code);
        if (outcome.result().reason() == Reason.OK) {
            state.codeAccepted(tenant, username, code, now.plus(CODE_MEMORY));
            long graceSeconds = graceSeconds(tenant);
            if (graceSeconds > 0) {
                state.openGrace(tenant, username, clientIp, new SecondFactorState.Grace(
                        now.plusSeconds(graceSeconds), digests.digest(tenant, username, password),
                        outcome.result().principal()));
            }
            return outcome.result();
        }
        if (outcome.cause() == GrantRefusals.Cause.INVALID_CREDENTIALS) {
            // the password was right a moment ago, so Keycloak refused the code
            return state.wasAccepted(tenant, username, code, now)
                    ? refuse(c, Reason.SECOND_FACTOR_REUSED, "password right, code accepted before")
                    : refuse(c, Reason.SECOND_FACTOR_INVALID, "password right, code refused");
        }
        return outcome.result();
    }

    private boolean isTenant(String tenant) {
        return directory.findRecent(tenant).isPresent();
    }

    /** The tenant's 2FA grace window (realm attribute {@value RealmAttributes#OTP_GRACE_SECONDS}), as the site settings read it. */
    private long graceSeconds(String tenant) {
        return directory.findRecent(tenant).map(r -> SiteSettings.fromAttributes(r.attributes()).otpGraceSeconds()).orElse(0L);
    }

    private static boolean hasCodeSuffix(String password) {
        return password.length() > CODE_DIGITS
                && CODE.matcher(password.substring(password.length() - CODE_DIGITS)).matches();
    }

    private static String withoutCode(String password) {
        return password.substring(0, password.length() - CODE_DIGITS);
    }

    /** What a grant ended in: the answer, and Keycloak's finer cause when it refused. */
    private record Outcome(AuthResult result, GrantRefusals.Cause cause) {
    }

    /**
     * The password alone, through the password-check client (no second factor): empty when it is right (the
     * session Keycloak opened is ended at once), else the refusal. A realm still without the client gets it now.
     */
    private Optional<AuthResult> passwordOnly(Credentials c, String username, String password) {
        String tenant = c.tenant();
        Timer.Sample sample = Timer.start(metrics);
        DirectGrant.Result result;
        try {
            result = grants.passwordGrant(directory.realm(tenant), TenantDefaults.PASSWORD_CHECK_CLIENT_ID,
                    directory.keycloakUsername(tenant, username), password, null);
            if (result instanceof DirectGrant.Refused r
                    && GrantRefusals.classify(r).cause() == GrantRefusals.Cause.NOT_A_TENANT && isTenant(tenant)) {
                // a tenant the start-up pass has not reached (or could not): never another application's realm
                directory.ensurePasswordCheck(tenant);
                result = grants.passwordGrant(directory.realm(tenant), TenantDefaults.PASSWORD_CHECK_CLIENT_ID,
                        directory.keycloakUsername(tenant, username), password, null);
            }
        } finally {
            sample.stop(grantTimer);
        }
        if (result instanceof DirectGrant.Granted g) {
            grants.endSession(directory.realm(tenant), TenantDefaults.PASSWORD_CHECK_CLIENT_ID, g.refreshToken());
            return Optional.empty();
        }
        GrantRefusals.Classified k = GrantRefusals.classify((DirectGrant.Refused) result);
        String cause = "password check: " + k.cause().name().toLowerCase(Locale.ROOT);
        switch (k.cause()) {
            // Keycloak says these only after the right password
            case REQUIRED_ACTIONS -> {
                diagnostics.explainRequiredActions(tenant, username);
                return Optional.of(refuse(c, Reason.PASSWORD_CHANGE_REQUIRED, cause));
            }
            case DISABLED -> {
                return Optional.of(refuse(c, Reason.ACCOUNT_DISABLED, cause));
            }
            case NO_SUCH_REALM, NOT_A_TENANT, REALM_DISABLED -> {
                return Optional.of(refuse(c, Reason.UNKNOWN_TENANT, cause));
            }
            case CLIENT_MISCONFIGURED -> LOG.errorf("tenant %s: client %s cannot check passwords (%s): fix the realm",
                    tenant, TenantDefaults.PASSWORD_CHECK_CLIENT_ID, ((DirectGrant.Refused) result).description());
            default -> {
            }
        }
        return Optional.of(refuse(c, Reason.BAD_CREDENTIALS, cause));
    }

    private Outcome grant(Credentials c, String password, String code) {
        String tenant = c.tenant();
        Timer.Sample sample = Timer.start(metrics);
        DirectGrant.Result result;
        try {
            result = grants.passwordGrant(directory.realm(tenant), TenantDefaults.GATEWAY_CLIENT_ID,
                    directory.keycloakUsername(tenant, c.username()), password, code);
        } finally {
            sample.stop(grantTimer);
        }
        if (result instanceof DirectGrant.Granted g) {
            grants.endSession(directory.realm(tenant), TenantDefaults.GATEWAY_CLIENT_ID, g.refreshToken());
            Principal p = PrincipalClaims.principal(tenant, c.username(), g.claims(), directory);
            LOG.infof("login of %s in tenant %s from %s over %s: ok%s", p.username(), tenant, printable(c.clientIp()),
                    protocolOf(c), code == null ? "" : " (with a second factor)");
            return new Outcome(AuthResult.ok(p), null);
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
        return new Outcome(refuse(c, k.reason(), k.cause().name().toLowerCase(Locale.ROOT)), k.cause());
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
