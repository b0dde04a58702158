package dev.wharf.identity.apikey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.tenancy.UserAttributes;
import dev.wharf.identity.user.UserPrincipal;
import dev.wharf.identity.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * API keys, kept in Keycloak user attributes: {@code wharf.apikey.<id>} holds a {@link StoredApiKey} as JSON, and
 * the multi-valued index {@code wharf.apikeys} holds {@code <id>} and {@code n:<name>} so that a login as
 * {@code @api-<id or name>} finds the key's user with one exact attribute search. Names are unique in a tenant.
 */
@ApplicationScoped
public class ApiKeyService {
    /** The login-name prefix of API key logins. */
    public static final String LOGIN_PREFIX = "@api-";
    static final String INDEX = UserAttributes.API_KEY_INDEX;
    static final String KEY_PREFIX = UserAttributes.API_KEY_PREFIX;
    private static final String NAME_PREFIX = "n:";
    private static final Pattern ID = Pattern.compile("k[a-z2-7]{19}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_KEYS_PER_USER = 50;
    private static final int MAX_REMEMBERED_USES = 100_000;
    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    private final TenantAccounts keycloak;
    private final TenantService tenants;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    @Inject
    public ApiKeyService(TenantAccounts keycloak, TenantService tenants, ObjectMapper json) {
        this.keycloak = keycloak;
        this.tenants = tenants;
        this.json = json;
    }

    public CreatedApiKey create(String tenant, String rawUsername, NewApiKey req, String actor) {
        if (req == null || req.name() == null) {
            throw bad("a JSON body with name is required");
        }
        String name = req.name().toLowerCase(java.util.Locale.ROOT);
        if (!NAME.matcher(name).matches() || ID.matcher(name).matches()) {
            throw bad("name must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, "
                    + "and must not look like a key id");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String expires = null;
        if (req.expires() != null) {
            try {
                Instant e = Instant.parse(req.expires());
                if (!e.isAfter(now)) {
                    throw bad("expires must be in the future");
                }
                expires = e.toString();
            } catch (DateTimeParseException e) {
                throw bad("expires must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
            }
        }
        KeycloakUser user = user(tenant, rawUsername);
        if (!keycloak.usersByAttribute(tenant, INDEX, NAME_PREFIX + name).isEmpty()) {
            throw new WharfException(Reason.ALREADY_EXISTS, "an API key named " + name + " exists in tenant " + tenant);
        }
        if (keyIds(user).size() >= MAX_KEYS_PER_USER) {
            throw bad("user " + user.username() + " has " + MAX_KEYS_PER_USER + " API keys: revoke one first");
        }
        String id = "k" + randomBase32(19);
        String secret = "wharf_" + randomBase32(40);
        StoredApiKey stored = new StoredApiKey(name, sha256(secret), now.toString(), expires, null);
        updateAttributes(tenant, user.id(), attrs -> {
            attrs.set(KEY_PREFIX + id, json.createArrayNode().add(write(stored)));
            ArrayNode index = attrs.has(INDEX) ? (ArrayNode) attrs.get(INDEX) : attrs.putArray(INDEX);
            index.add(id).add(NAME_PREFIX + name);
        });
        LOG.infof("API key %s (%s) of user %s in tenant %s created by %s", id, name, user.username(), tenant, actor);
        tenants.adminChange("user.apikey_created", tenant, actor, user.username());
        return new CreatedApiKey(id, name, user.username(), LOGIN_PREFIX + id, stored.created(), expires, secret);
    }

    public List<ApiKeySummary> list(String tenant, String rawUsername) {
        KeycloakUser user = user(tenant, rawUsername);
        List<ApiKeySummary> out = new ArrayList<>();
        for (String id : keyIds(user)) {
            stored(user, id).ifPresent(k -> out.add(new ApiKeySummary(id, k.name(), k.created(), k.expires(),
                    lastUsedOf(tenant, id, k))));
        }
        return out;
    }

    public void revoke(String tenant, String rawUsername, String id, String actor) {
        KeycloakUser user = user(tenant, rawUsername);
        Optional<StoredApiKey> key = ID.matcher(id).matches() ? stored(user, id) : Optional.empty();
        if (key.isEmpty()) {
            throw new WharfException(Reason.NOT_FOUND, "user " + user.username() + " has no API key "
                    + VirtualPaths.printable(id));
        }
        updateAttributes(tenant, user.id(), attrs -> {
            attrs.remove(KEY_PREFIX + id);
            ArrayNode index = json.createArrayNode();
            attrs.path(INDEX).forEach(v -> {
                if (!v.asText().equals(id) && !v.asText().equals(NAME_PREFIX + key.get().name())) {
                    index.add(v);
                }
            });
            attrs.set(INDEX, index);
        });
        lastUsed.remove(tenant + '\0' + id);
        LOG.infof("API key %s of user %s in tenant %s revoked by %s", id, user.username(), tenant, actor);
        tenants.adminChange("user.apikey_revoked", tenant, actor, user.username());
    }

    /** Checks a login as {@code @api-<id or name>} with the key's secret as password. */
    public AuthResult authenticate(String tenant, String loginName, String secret) {
        String ref = loginName.substring(LOGIN_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
        String indexValue = ID.matcher(ref).matches() ? ref : NAME_PREFIX + ref;
        if (!ID.matcher(ref).matches() && !NAME.matcher(ref).matches()) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        try {
            // only Wharf tenants: never another application's realm in a shared Keycloak
            if (!tenants.require(tenant).enabled()) {
                // key logins never reach a password grant, which is what refuses a disabled realm
                return AuthResult.refused(Reason.TENANT_DISABLED);
            }
        } catch (WharfException e) {
            return AuthResult.refused(Reason.UNKNOWN_TENANT);
        }
        List<KeycloakUser> found;
        try {
            found = keycloak.usersByAttribute(tenant, INDEX, indexValue);
        } catch (KeycloakErrorException e) {
            return AuthResult.refused(e.status() == 404 ? Reason.UNKNOWN_TENANT : Reason.BAD_CREDENTIALS);
        }
        if (found.size() != 1) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        KeycloakUser user = found.get(0);
        String id = ID.matcher(ref).matches() ? ref : idOfName(user, ref).orElse(null);
        Optional<StoredApiKey> key = id == null ? Optional.empty() : stored(user, id);
        if (key.isEmpty() || !MessageDigest.isEqual(key.get().hash().getBytes(StandardCharsets.US_ASCII),
                sha256(secret).getBytes(StandardCharsets.US_ASCII))) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        Instant now = Instant.now();
        if (key.get().expires() != null && !now.isBefore(Instant.parse(key.get().expires()))) {
            return AuthResult.refused(Reason.KEY_EXPIRED);
        }
        if (!user.enabled()) {
            return AuthResult.refused(Reason.ACCOUNT_DISABLED);
        }
        touch(tenant, id, now);
        return AuthResult.ok(UserPrincipal.of(tenant, user, keycloak.userGroups(tenant, user.id())));
    }

    /**
     * Last use is kept in this replica's memory, not written to Keycloak: a login-time write of the whole user
     * could race an admin change (a revoked key written back). Lost on restart; listed as the later of this and
     * any stored value.
     */
    private void touch(String tenant, String id, Instant now) {
        if (lastUsed.size() < MAX_REMEMBERED_USES || lastUsed.containsKey(tenant + '\0' + id)) {
            lastUsed.put(tenant + '\0' + id, now.truncatedTo(ChronoUnit.SECONDS));
        }
    }

    private String lastUsedOf(String tenant, String id, StoredApiKey k) {
        Instant mem = lastUsed.get(tenant + '\0' + id);
        Instant stored = k.lastUsed() == null ? null : Instant.parse(k.lastUsed());
        Instant latest = mem == null ? stored : stored == null || mem.isAfter(stored) ? mem : stored;
        return latest == null ? null : latest.toString();
    }

    private Optional<String> idOfName(KeycloakUser user, String name) {
        return keyIds(user).stream().filter(id -> stored(user, id).map(k -> k.name().equals(name)).orElse(false))
                .findFirst();
    }

    private static List<String> keyIds(KeycloakUser user) {
        return user.attributes().getOrDefault(INDEX, List.of()).stream().filter(v -> ID.matcher(v).matches())
                .toList();
    }

    private Optional<StoredApiKey> stored(KeycloakUser user, String id) {
        return user.attribute(KEY_PREFIX + id).map(v -> {
            try {
                return json.readValue(v, StoredApiKey.class);
            } catch (JsonProcessingException e) {
                LOG.warnf("API key %s of user %s is not readable; ignored", id, user.username());
                return null;
            }
        });
    }

    /** Read-modify-write of the whole user: Keycloak clears what an update leaves out. */
    private void updateAttributes(String tenant, String userId, Consumer<ObjectNode> change) {
        ObjectNode rep = (ObjectNode) keycloak.userRepresentation(tenant, userId);
        rep.remove("access");
        JsonNode attrs = rep.get("attributes");
        ObjectNode a = attrs instanceof ObjectNode o ? o : rep.putObject("attributes");
        change.accept(a);
        keycloak.updateUser(tenant, userId, rep);
    }

    private KeycloakUser user(String tenant, String rawUsername) {
        tenants.require(tenant);
        String username = UserService.username(rawUsername);
        return keycloak.userByUsername(tenant, username)
                .orElseThrow(() -> new WharfException(Reason.NOT_FOUND, "no user " + username + " in tenant " + tenant));
    }

    private String write(StoredApiKey k) {
        try {
            return json.writeValueAsString(k);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomBase32(int chars) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder b = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            b.append(alphabet.charAt(random.nextInt(32)));
        }
        return b.toString();
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WharfException bad(String message) {
        return new WharfException(Reason.BAD_REQUEST, message);
    }
}
