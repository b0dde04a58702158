package dev.wharf.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.ServicesConfig;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.web.files.ExplainedRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * identity-service's admin API for the administrators' pages, called with the signed-in administrator's own access
 * token (never a service credential): identity-service applies its rules unchanged, so a tenant administrator
 * reaches only their own tenant (docs/service-api.md, "Admin API").
 */
@ApplicationScoped
public class AdminClient {
    private final ServiceHttp identity;

    /** The tenant as identity-service shows it. */
    public record Tenant(String id, boolean enabled, SiteSettings settings, String portalUrl, List<String> hostnames) {
    }

    /**
     * The site settings (identity-service's {@code SiteSettings}); in an update, null keeps a value.
     * {@code secondFactorExempt} names the login methods ({@code api-keys}, {@code ssh-keys}) a user without 2FA may
     * still use when {@code secondFactorRequired}; {@code passwordMaxAgeDays} 0 is no maximum.
     */
    public record SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                               List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                               List<String> hostnames, String addressRule, List<String> disabledProtocols,
                               Boolean activeFtpAllowed, Boolean secondFactorRequired,
                               List<String> secondFactorExempt, Integer passwordMaxAgeDays, Long quotaBytes,
                               Long quotaFiles, Long maxFileSize, List<String> sharedFolderQuotas, Long usedBytes,
                               Long usedFiles) {
        /** The settings the Settings page's site form edits; quotas and use are left out (null: kept as they are). */
        public SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                            List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                            List<String> hostnames, String addressRule, List<String> disabledProtocols,
                            Boolean activeFtpAllowed, Boolean secondFactorRequired, List<String> secondFactorExempt,
                            Integer passwordMaxAgeDays) {
            this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries,
                    deniedCountries, hostnames, addressRule, disabledProtocols, activeFtpAllowed,
                    secondFactorRequired, secondFactorExempt, passwordMaxAgeDays, null, null, null, null, null, null);
        }

        /** An update of the site's storage limits alone ({@code -1}: remove one; {@code []}: no folder limits). */
        static SiteSettings storage(long quotaBytes, long quotaFiles, long maxFileSize,
                                    List<String> sharedFolderQuotas) {
            return new SiteSettings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    quotaBytes, quotaFiles, maxFileSize, sharedFolderQuotas, null, null);
        }
    }

    /** One way to connect: host, port and the user-name form ({@code <user>} for anyone's). */
    public record Connection(String protocol, String host, int port, String username, String portalUrl,
                             String instructions) {
    }

    /** One line of the user list. */
    public record UserSummary(String username, boolean enabled, String home) {
    }

    /** A user as identity-service shows one. */
    public record User(String username, boolean enabled, String home, String authMethod,
                       List<String> allowedProtocols, List<String> allowedCidrs, List<String> groups,
                       boolean mustChangePassword, boolean otp, int sshKeys, int apiKeys, String created,
                       Long quotaBytes, Long quotaFiles, Long maxFileSize, Long usedBytes, Long usedFiles,
                       String expires, Integer maxSessions, Long uploadBytesPerSecond, Long downloadBytesPerSecond,
                       List<String> folderRules, List<String> sharedFolders) {
    }

    /** A new user: {@code password} (generated) is on this answer only. */
    public record CreatedUser(String username, String password, List<Connection> sharing) {
        @Override
        public String toString() {
            return "CreatedUser[username=" + username + "]";
        }
    }

    /** A new user's settings; null or empty lists: no restriction. */
    public record NewUser(String username, String home, List<String> allowedProtocols, List<String> allowedCidrs,
                          Boolean mustChangePassword) {
    }

    /** A change of a user; null keeps a value, an empty list clears one. */
    public record UserPatch(Boolean enabled, String home, List<String> allowedProtocols, List<String> allowedCidrs,
                            Boolean mustChangePassword) {
    }

    /**
     * A change of a user's limits, every one given: {@code -1} removes a limit, {@code expires} {@code ""} means
     * never (identity-service's {@code UserPatch} fields of the same names).
     */
    public record LimitsPatch(long quotaBytes, long quotaFiles, long maxFileSize, long uploadBytesPerSecond,
                              long downloadBytesPerSecond, String expires, int maxSessions) {
    }

    /**
     * Folder access of a user or a group: folder rules ({@code <permissions> <path>}) and shared folders
     * ({@code <folder> <permissions> <path>}), each list given whole ({@code []}: none), as {@code wharf user update
     * --folder-rules ... --shared-folders ...} sends them; identity-service checks every line.
     */
    public record FolderAccess(List<String> folderRules, List<String> sharedFolders) {
    }

    /** A new second factor: {@code secret} and {@code otpauthUri} are on this answer only. */
    public record OtpEnrolment(String username, String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "OtpEnrolment[username=" + username + "]";
        }
    }

    /** A group of users. */
    public record Group(String name, List<String> allowedProtocols, List<String> members, List<String> allowedCidrs,
                        List<String> folderRules, List<String> sharedFolders) {
    }

    /** One page of audit events (CloudEvents, oldest first) and where the next page starts. */
    public record AuditPage(List<JsonNode> events, String next) {
    }

    @Inject
    public AdminClient(ServicesConfig services) {
        this.identity = new ServiceHttp(ServiceHttp.newClient(services.timeout()), "identity-service",
                services.identityUrl(), services.timeout());
    }

    public Tenant tenant(String token, String tenant) {
        return as(token).get(base(tenant), Tenant.class);
    }

    public List<Connection> connections(String token, String tenant) {
        ServiceHttp http = as(token);
        return http.get(base(tenant) + "/connections", http.listOf(Connection.class));
    }

    /** The site settings with the tenant's storage use (storage-service counts it). */
    public SiteSettings settings(String token, String tenant) {
        return as(token).get(base(tenant) + "/settings", SiteSettings.class);
    }

    public SiteSettings updateSettings(String token, String tenant, SiteSettings change) {
        return explained(() -> as(token).put(base(tenant) + "/settings", change, SiteSettings.class));
    }

    public List<UserSummary> users(String token, String tenant) {
        ServiceHttp http = as(token);
        return http.get(base(tenant) + "/users", http.listOf(UserSummary.class));
    }

    public User user(String token, String tenant, String username) {
        return as(token).get(user(tenant, username), User.class);
    }

    public CreatedUser createUser(String token, String tenant, NewUser user) {
        return explained(() -> as(token).post(base(tenant) + "/users", user, CreatedUser.class));
    }

    public User updateUser(String token, String tenant, String username, UserPatch change) {
        return explained(() -> as(token).patch(user(tenant, username), change, User.class));
    }

    /** Sets the user's limits, as {@code wharf user update --quota-bytes ... --expires ...} does. */
    public User updateUserLimits(String token, String tenant, String username, LimitsPatch change) {
        return explained(() -> as(token).patch(user(tenant, username), change, User.class));
    }

    /** Sets the user's own folder rules and shared folders (their groups' come on top), audited as any change. */
    public User updateUserAccess(String token, String tenant, String username, FolderAccess change) {
        return explained(() -> as(token).patch(user(tenant, username), change, User.class));
    }

    public void setPassword(String token, String tenant, String username, String password) {
        explained(() -> {
            as(token).put(user(tenant, username) + "/password", Map.of("password", password), Void.class);
            return null;
        });
    }

    /**
     * Deletes the user (identity-service audits {@code user.deleted}); a tenant administrator deleting themself is
     * refused there (403 {@code permission_denied}, explained).
     */
    public void deleteUser(String token, String tenant, String username) {
        explained(() -> {
            as(token).delete(user(tenant, username));
            return null;
        });
    }

    /** User names of the tenant's administrators. */
    public List<String> admins(String token, String tenant) {
        ServiceHttp http = as(token);
        return http.get(base(tenant) + "/admins", http.listOf(String.class));
    }

    /** Makes the user an administrator of the tenant (idempotent; audited {@code admin.granted}). */
    public void grantAdmin(String token, String tenant, String username) {
        explained(() -> {
            as(token).put(base(tenant) + "/admins/" + encode(username), Map.of(), Void.class);
            return null;
        });
    }

    /** Takes the role away (audited {@code admin.revoked}); refused for the caller themself, as for delete. */
    public void revokeAdmin(String token, String tenant, String username) {
        explained(() -> {
            as(token).delete(base(tenant) + "/admins/" + encode(username));
            return null;
        });
    }

    /** Enrols a TOTP second factor for the user (409 {@code already_exists} when they have one). */
    public OtpEnrolment enrolOtp(String token, String tenant, String username) {
        return explained(() -> as(token).post(user(tenant, username) + "/otp", Map.of(), OtpEnrolment.class));
    }

    public void removeOtp(String token, String tenant, String username) {
        as(token).delete(user(tenant, username) + "/otp");
    }

    public List<Group> groups(String token, String tenant) {
        ServiceHttp http = as(token);
        return http.get(base(tenant) + "/groups", http.listOf(Group.class));
    }

    public void createGroup(String token, String tenant, String name, List<String> allowedProtocols) {
        explained(() -> {
            as(token).post(base(tenant) + "/groups", Map.of("name", name, "allowedProtocols", allowedProtocols),
                    Group.class);
            return null;
        });
    }

    /** Sets what a group gives its members: protocols, address ranges, folder rules and shared folders. */
    public void updateGroup(String token, String tenant, String name, List<String> allowedProtocols,
                            List<String> allowedCidrs, FolderAccess access) {
        explained(() -> {
            as(token).patch(group(tenant, name), Map.of("allowedProtocols", allowedProtocols,
                    "allowedCidrs", allowedCidrs, "folderRules", access.folderRules(),
                    "sharedFolders", access.sharedFolders()), Group.class);
            return null;
        });
    }

    public void deleteGroup(String token, String tenant, String name) {
        explained(() -> {
            as(token).delete(group(tenant, name));
            return null;
        });
    }

    public void addMember(String token, String tenant, String group, String username) {
        explained(() -> {
            as(token).put(group(tenant, group) + "/members/" + encode(username), Map.of(), Void.class);
            return null;
        });
    }

    public void removeMember(String token, String tenant, String group, String username) {
        explained(() -> {
            as(token).delete(group(tenant, group) + "/members/" + encode(username));
            return null;
        });
    }

    /**
     * The tenant's audit events from {@code since} (ISO-8601 instant), only {@code user}'s and of {@code type} when
     * given, at most {@code limit}; or those after {@code after} (the {@code next} of a previous page):
     * identity-service reads them from {@code wharf.audit}, as for {@code wharf audit tail}.
     */
    public AuditPage audit(String token, String tenant, String since, String after, String user, String type,
                           int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        if (after != null) {
            query.put("after", after);
        } else {
            query.put("since", since);
        }
        if (user != null) {
            query.put("user", user);
        }
        if (type != null) {
            query.put("type", type);
        }
        query.put("limit", Integer.toString(limit));
        String q = query.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return explained(() -> as(token).get(base(tenant) + "/audit?" + q, AuditPage.class));
    }

    /**
     * Runs an administrator's change: a refusal of what they typed (400, 409) or of a rule (403) carries
     * identity-service's explanation to the refusal page ("allowedCidrs: 10.1 is not a CIDR").
     */
    private static <T> T explained(Supplier<T> call) {
        try {
            return call.get();
        } catch (WharfException e) {
            // permission_denied too: within their own tenant it is a rule of the admin API the administrator met
            // ("cannot delete, disable or demote themself"), and another tenant's paths never get this far
            if (e.reason() != Reason.BAD_REQUEST && e.reason() != Reason.ALREADY_EXISTS
                    && e.reason() != Reason.PERMISSION_DENIED) {
                throw e;
            }
            String detail = e.detail() == null ? "" : e.detail();
            // "identity-service answered 400 to PUT /v1/...: <its message>": the message is the explanation
            int colon = detail.indexOf(": ");
            throw new ExplainedRefusal(e.reason(), colon < 0 ? detail : detail.substring(colon + 2), e);
        }
    }

    private ServiceHttp as(String token) {
        return identity.withBearer(() -> token);
    }

    private static String base(String tenant) {
        return "/v1/admin/tenants/" + encode(tenant);
    }

    private static String user(String tenant, String username) {
        return base(tenant) + "/users/" + encode(username);
    }

    private static String group(String tenant, String name) {
        return base(tenant) + "/groups/" + encode(name);
    }

    /** A path segment or query value, percent-encoded. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
