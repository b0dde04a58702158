package dev.wharf.identity.user;

import dev.wharf.core.identity.PasswordGenerator;
import dev.wharf.tenancy.AccountLimits;
import dev.wharf.tenancy.AttributeValues;
import dev.wharf.tenancy.AccessAttributes;
import dev.wharf.tenancy.QuotaAttributes;
import dev.wharf.core.bandwidth.Bandwidth;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.access.SharedFolders;
import dev.wharf.tenancy.UserAttributes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.session.Protocol;
import dev.wharf.identity.authn.SecondFactorState;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Users of a tenant: created, shown, changed and deleted through Keycloak, with Wharf's settings as user attributes. */
@ApplicationScoped
public class UserService {
    private static final Logger LOG = Logger.getLogger(UserService.class);
    // No '@': the gateways read "user@host" as a user name qualified with the tenant's host name.
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 1024;
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 10_000;
    private static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";
    /** Upper bound of a per-user session limit: more than any client opens on purpose. */
    private static final int MAX_SESSIONS_LIMIT = 10_000;

    private final TenantAccounts keycloak;
    private final TenantService tenants;
    private final SecondFactorState secondFactors;
    private final dev.wharf.identity.tenant.TenantFiles files;
    private final PasswordGenerator passwords = new PasswordGenerator();

    @Inject
    public UserService(TenantAccounts keycloak, TenantService tenants, SecondFactorState secondFactors,
                       dev.wharf.identity.tenant.TenantFiles files) {
        this.files = files;
        this.keycloak = keycloak;
        this.secondFactors = secondFactors;
        this.tenants = tenants;
    }

    public CreatedUser create(String tenant, NewUser req, String actor) {
        if (req == null) {
            throw bad("a JSON body with at least username is required");
        }
        tenants.require(tenant);
        String username = username(req.username());
        String home = req.home() == null ? UserAttributes.defaultHome(username) : home(req.home());
        boolean generated = req.password() == null;
        String password = generated ? passwords.generate() : password(req.password());

        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put(UserAttributes.HOME, List.of(home));
        List<String> protocols = protocols(req.allowedProtocols());
        if (!protocols.isEmpty()) {
            attributes.put(UserAttributes.PROTOCOLS, List.of(String.join(",", protocols)));
        }
        List<String> cidrs = cidrs(req.allowedCidrs());
        if (!cidrs.isEmpty()) {
            attributes.put(UserAttributes.CIDRS, List.of(String.join(",", cidrs)));
        }

        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("username", username);
        rep.put("enabled", req.enabled() == null || req.enabled());
        rep.put("attributes", attributes);
        rep.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        rep.put("requiredActions", Boolean.TRUE.equals(req.mustChangePassword()) ? List.of("UPDATE_PASSWORD")
                : List.of());
        try {
            keycloak.createUser(tenant, rep);
        } catch (KeycloakErrorException e) {
            if (e.status() == 409) {
                throw new WharfException(Reason.ALREADY_EXISTS, "user " + username + " already exists in tenant "
                        + tenant);
            }
            if (e.status() == 400) {
                // e.g. the realm's password policy: Keycloak names the rule (invalidPasswordMinLengthMessage, ...)
                throw bad("Keycloak refused the user: " + e.errorMessage());
            }
            if (e.status() == 404) {
                throw new WharfException(Reason.UNKNOWN_TENANT, "no tenant " + tenant);
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused to create the user: " + e.getMessage(), e);
        }
        LOG.infof("user %s created in tenant %s by %s (home %s)", username, tenant, actor, home);
        tenants.adminChange("user.created", tenant, actor, username);
        return new CreatedUser(username, generated ? password : null);
    }

    /** Sets a user's password (a reset by an operator: not temporary). */
    public void setPassword(String tenant, String rawUsername, NewPassword req, String actor) {
        if (req == null) {
            throw bad("a JSON body with password is required");
        }
        tenants.require(tenant);
        String username = username(rawUsername);
        String password = password(req.password());
        KeycloakUser user = keycloak.userByUsername(tenant, username)
                .orElseThrow(() -> new WharfException(Reason.NOT_FOUND, "no user " + username + " in tenant " + tenant));
        try {
            keycloak.resetPassword(tenant, user.id(), password);
        } catch (KeycloakErrorException e) {
            if (e.status() == 400) {
                throw bad("Keycloak refused the password: " + e.errorMessage());
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused the password reset: " + e.getMessage(), e);
        }
        secondFactors.forget(tenant, username);
        LOG.infof("password of user %s in tenant %s set by %s", username, tenant, actor);
        tenants.adminChange("user.password_set", tenant, actor, username);
    }

    public List<UserSummary> list(String tenant) {
        tenants.require(tenant);
        List<UserSummary> out = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<KeycloakUser> batch = keycloak.users(tenant, page * PAGE, PAGE);
            for (KeycloakUser u : batch) {
                out.add(new UserSummary(u.username(), u.enabled(),
                        u.attribute(UserAttributes.HOME).orElse(UserAttributes.defaultHome(u.username()))));
            }
            if (batch.size() < PAGE) {
                return out;
            }
        }
        LOG.warnf("tenant %s: user list cut at %d users", tenant, out.size());
        return out;
    }

    /** The user with its settings, groups and how many keys it has; 404 {@code not_found}. */
    public User show(String tenant, String rawUsername) {
        tenants.require(tenant);
        KeycloakUser user = find(tenant, rawUsername);
        JsonNode rep = keycloak.userRepresentation(tenant, user.id());
        User u = view(user, rep, keycloak.userGroups(tenant, user.id()));
        dev.wharf.core.quota.Usage used = files.usage(tenant, u.home());
        return used == null ? u : u.withUsage(used);
    }

    /** Changes the fields given; every field is checked before anything is written. */
    public User update(String tenant, String rawUsername, UserPatch req, String actor) {
        if (req == null) {
            throw bad("a JSON body with the fields to change is required");
        }
        String home = req.home() == null ? null : home(req.home());
        String authMethod = req.authMethod() == null ? null : authMethod(req.authMethod());
        List<String> protocols = req.allowedProtocols() == null ? null : protocols(req.allowedProtocols());
        List<String> cidrs = req.allowedCidrs() == null ? null : cidrs(req.allowedCidrs());
        List<String> rules = req.folderRules() == null ? null : AccessAttributes.normalized(req.folderRules());
        List<String> shared = req.sharedFolders() == null ? null
                : AccessAttributes.normalizedMounts(req.sharedFolders());
        Long quotaBytes = QuotaAttributes.checked("quotaBytes", req.quotaBytes());
        Long quotaFiles = QuotaAttributes.checked("quotaFiles", req.quotaFiles());
        Long maxFileSize = QuotaAttributes.checked("maxFileSize", req.maxFileSize());
        Long uploadRate = QuotaAttributes.checkedRate("uploadBytesPerSecond", req.uploadBytesPerSecond());
        Long downloadRate = QuotaAttributes.checkedRate("downloadBytesPerSecond", req.downloadBytesPerSecond());
        String expires = req.expires() == null ? null : expires(req.expires());
        Integer maxSessions = req.maxSessions() == null ? null : maxSessions(req.maxSessions());
        tenants.require(tenant);
        KeycloakUser user = find(tenant, rawUsername);

        ObjectNode rep = (ObjectNode) keycloak.userRepresentation(tenant, user.id());
        rep.remove("access");
        ObjectNode a = rep.get("attributes") instanceof ObjectNode o ? o : rep.putObject("attributes");
        if (req.enabled() != null) {
            rep.put("enabled", req.enabled());
        }
        if (home != null) {
            a.putArray(UserAttributes.HOME).add(home);
        }
        if (authMethod != null) {
            if (authMethod.equals(UserAttributes.AUTH_NONE)) {
                a.putArray(UserAttributes.AUTH_METHOD).add(authMethod);
            } else {
                a.remove(UserAttributes.AUTH_METHOD);
            }
        }
        listAttribute(a, UserAttributes.PROTOCOLS, protocols);
        listAttribute(a, UserAttributes.CIDRS, cidrs);
        if (rules != null) {
            if (rules.isEmpty()) {
                a.remove(UserAttributes.ACCESS);
            } else {
                rules.forEach(a.putArray(UserAttributes.ACCESS)::add);
            }
        }
        if (shared != null) {
            if (shared.isEmpty()) {
                a.remove(UserAttributes.SHARED);
            } else {
                shared.forEach(a.putArray(UserAttributes.SHARED)::add);
            }
        }
        limitAttribute(a, UserAttributes.QUOTA_BYTES, quotaBytes);
        limitAttribute(a, UserAttributes.QUOTA_FILES, quotaFiles);
        limitAttribute(a, UserAttributes.MAX_FILE_SIZE, maxFileSize);
        limitAttribute(a, UserAttributes.UPLOAD_BYTES_PER_SECOND, uploadRate);
        limitAttribute(a, UserAttributes.DOWNLOAD_BYTES_PER_SECOND, downloadRate);
        if (expires != null) {
            if (expires.isEmpty()) {
                a.remove(UserAttributes.EXPIRES);
            } else {
                a.putArray(UserAttributes.EXPIRES).add(expires);
            }
        }
        if (maxSessions != null) {
            limitAttribute(a, UserAttributes.MAX_SESSIONS, maxSessions.longValue());
        }
        if (req.mustChangePassword() != null) {
            ArrayNode actions = rep.putArray("requiredActions");
            user.requiredActions().stream().filter(x -> !x.equals(UPDATE_PASSWORD)).forEach(actions::add);
            if (req.mustChangePassword()) {
                actions.add(UPDATE_PASSWORD);
            }
        }
        keycloak.updateUser(tenant, user.id(), rep);
        // a grace window or a cached check must not outlive a disabled account or a withdrawn password login
        secondFactors.forget(tenant, user.username());
        LOG.infof("user %s in tenant %s changed by %s: %s", user.username(), tenant, actor, req);
        tenants.adminChange("user.updated", tenant, actor, user.username());
        return show(tenant, user.username());
    }

    public void delete(String tenant, String rawUsername, String actor) {
        tenants.require(tenant);
        KeycloakUser user = find(tenant, rawUsername);
        try {
            keycloak.deleteUser(tenant, user.id());
        } catch (KeycloakErrorException e) {
            if (e.status() == 404) {
                throw notFound(tenant, user.username());
            }
            throw e;
        }
        secondFactors.forget(tenant, user.username());
        LOG.infof("user %s in tenant %s deleted by %s", user.username(), tenant, actor);
        tenants.adminChange("user.deleted", tenant, actor, user.username());
    }

    /** The user, or 404 {@code not_found} (400 for a name that cannot be one). */
    public KeycloakUser find(String tenant, String rawUsername) {
        String username = username(rawUsername);
        return keycloak.userByUsername(tenant, username).orElseThrow(() -> notFound(tenant, username));
    }

    private static WharfException notFound(String tenant, String username) {
        return new WharfException(Reason.NOT_FOUND, "no user " + username + " in tenant " + tenant);
    }

    private static User view(KeycloakUser user, JsonNode rep, List<String> groups) {
        JsonNode attrs = rep.path("attributes");
        int apiKeys = 0;
        for (var names = attrs.fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith(UserAttributes.API_KEY_PREFIX)) {
                apiKeys++;
            }
        }
        long created = rep.path("createdTimestamp").asLong(0);
        Quota quota = QuotaAttributes.read(user.attributes());
        AccountLimits limits = AccountLimits.read(user.attributes());
        Bandwidth rates = QuotaAttributes.bandwidth(user.attributes());
        return new User(user.username(), user.enabled(),
                user.attribute(UserAttributes.HOME).orElse(UserAttributes.defaultHome(user.username())),
                user.attribute(UserAttributes.AUTH_METHOD).orElse(UserAttributes.AUTH_PASSWORD),
                AttributeValues.split(user.attribute(UserAttributes.PROTOCOLS).orElse(null)),
                AttributeValues.split(user.attribute(UserAttributes.CIDRS).orElse(null)),
                groups, user.requiredActions().contains(UPDATE_PASSWORD), user.totp(),
                attrs.path(UserAttributes.SSH_KEYS).size(), apiKeys,
                created > 0 ? Instant.ofEpochMilli(created) : null,
                user.attributes().getOrDefault(UserAttributes.ACCESS, List.of()),
                user.attributes().getOrDefault(UserAttributes.SHARED, List.of()),
                limit(quota.bytes()), limit(quota.files()), limit(quota.fileSize()), null, null,
                limits.expires() == null ? null : limits.expires().toString(), limits.maxSessions(),
                limit(rates.upload()), limit(rates.download()));
    }

    /** An expiry date as the admin API takes it: {@code yyyy-mm-dd}, or {@code ""} for none; 400 else. */
    static String expires(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return "";
        }
        try {
            return AccountLimits.parseDate(s).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw bad("expires must be a date yyyy-mm-dd (the last day the account may log in), or \"\" for none");
        }
    }

    /** A session limit as the admin API takes it: 1 or more, or -1 for none; 400 else. */
    static Integer maxSessions(int n) {
        if (n == -1) {
            return (int) Quota.UNLIMITED;
        }
        if (n < 1 || n > MAX_SESSIONS_LIMIT) {
            throw bad("maxSessions must be 1 to " + MAX_SESSIONS_LIMIT + ", or -1 for no limit");
        }
        return n;
    }

    private static void limitAttribute(ObjectNode a, String name, Long value) {
        if (value == null) {
            return;
        }
        if (value == Quota.UNLIMITED) {
            a.remove(name);
        } else {
            a.putArray(name).add(Long.toString(value));
        }
    }

    private static Long limit(long v) {
        return v == Quota.UNLIMITED ? null : v;
    }

    private static void listAttribute(ObjectNode a, String name, List<String> values) {
        if (values == null) {
            return;
        }
        if (values.isEmpty()) {
            a.remove(name);
        } else {
            a.putArray(name).add(String.join(",", values));
        }
    }

    static String authMethod(String raw) {
        String m = raw.trim().toLowerCase(Locale.ROOT);
        if (!m.equals(UserAttributes.AUTH_PASSWORD) && !m.equals(UserAttributes.AUTH_NONE)) {
            throw bad("authMethod must be password or none");
        }
        return m;
    }

    /** A valid user name in lower case, or 400 {@code bad_request}. */
    public static String username(String raw) {
        if (raw == null || raw.isBlank()) {
            throw bad("username is required");
        }
        // Keycloak stores user names in lower case; saying so up front beats a surprise at login.
        String u = raw.toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(u).matches()) {
            throw bad("username must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or "
                    + "digit");
        }
        return u;
    }

    static String home(String raw) {
        try {
            VirtualPaths.checkSafe(raw);
        } catch (WharfException e) {
            throw bad("home must not contain control characters or backslashes");
        }
        if (!raw.startsWith("/") || raw.length() > 1024 || !VirtualPaths.resolve("/", raw).equals(raw)) {
            throw bad("home must be an absolute, normalized folder path such as /alice (no '.', '..', '//' or "
                    + "trailing '/')");
        }
        if (SharedFolders.isShared(raw)) {
            throw bad("home must not be inside " + SharedFolders.ROOT + ", where the shared folders are kept");
        }
        return raw;
    }

    static String password(String raw) {
        if (raw.length() < MIN_PASSWORD || raw.length() > MAX_PASSWORD) {
            throw bad("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters; leave it out to "
                    + "have one generated");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw bad("password must not contain control characters");
        }
        return raw;
    }

    /** The distinct wire names of allowed protocols, or 400 naming the unknown one; null reads as none. */
    public static List<String> protocols(List<String> raw) {
        return protocols("allowedProtocols", raw);
    }

    /** As {@link #protocols(List)}, naming {@code field} in the refusal. */
    public static List<String> protocols(String field, List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : raw) {
            try {
                String wire = Protocol.fromWire(p).wire();
                if (!out.contains(wire)) {
                    out.add(wire);
                }
            } catch (RuntimeException e) {
                throw bad("unknown protocol " + VirtualPaths.printable(String.valueOf(p))
                        + " in " + field + ": expected ftp, ftps, sftp or https");
            }
        }
        return out;
    }

    /** The address ranges, checked, or 400 naming the first that is none; null reads as none. */
    public static List<String> cidrs(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : raw) {
            String s = c == null ? "" : c.trim();
            if (!CidrSyntax.isValid(s)) {
                throw bad("allowedCidrs entry " + VirtualPaths.printable(s) + " is not an IPv4 or IPv6 address or "
                        + "CIDR range");
            }
            out.add(s);
        }
        return out;
    }

    private static WharfException bad(String message) {
        return new WharfException(Reason.BAD_REQUEST, message);
    }
}
