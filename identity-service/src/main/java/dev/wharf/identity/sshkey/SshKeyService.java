package dev.wharf.identity.sshkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.tenancy.UserAttributes;
import dev.wharf.identity.user.UserPrincipal;
import dev.wharf.identity.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SSH public keys of users, kept as canonical OpenSSH lines in the multi-valued user attribute
 * {@value #ATTRIBUTE}. Keys are compared by their wire-format blob, never by comment.
 */
@ApplicationScoped
public class SshKeyService {
    static final String ATTRIBUTE = UserAttributes.SSH_KEYS;
    private static final int MAX_KEYS_PER_USER = 50;
    private static final Logger LOG = Logger.getLogger(SshKeyService.class);

    private final TenantAccounts keycloak;
    private final TenantService tenants;

    @Inject
    public SshKeyService(TenantAccounts keycloak, TenantService tenants) {
        this.keycloak = keycloak;
        this.tenants = tenants;
    }

    public SshKeySummary add(String tenant, String rawUsername, NewSshKey req, String actor) {
        if (req == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON body with publicKey is required");
        }
        OpenSshKey key;
        try {
            key = OpenSshKey.parse(req.publicKey());
        } catch (IllegalArgumentException e) {
            throw new WharfException(Reason.BAD_REQUEST, e.getMessage());
        }
        KeycloakUser user = user(tenant, rawUsername);
        List<OpenSshKey> existing = keys(user);
        if (existing.stream().anyMatch(k -> MessageDigest.isEqual(k.blob(), key.blob()))) {
            throw new WharfException(Reason.ALREADY_EXISTS, "user " + user.username() + " has this key already ("
                    + key.fingerprint() + ")");
        }
        if (existing.size() >= MAX_KEYS_PER_USER) {
            throw new WharfException(Reason.BAD_REQUEST, "user " + user.username() + " has " + MAX_KEYS_PER_USER
                    + " SSH keys: remove one first");
        }
        updateKeys(tenant, user.id(), lines -> lines.add(key.line()));
        LOG.infof("SSH key %s added to user %s in tenant %s by %s", key.fingerprint(), user.username(), tenant, actor);
        tenants.adminChange("user.sshkey_added", tenant, actor, user.username());
        return SshKeySummary.of(key);
    }

    public List<SshKeySummary> list(String tenant, String rawUsername) {
        return keys(user(tenant, rawUsername)).stream().map(SshKeySummary::of).toList();
    }

    public void remove(String tenant, String rawUsername, String id, String actor) {
        KeycloakUser user = user(tenant, rawUsername);
        Optional<OpenSshKey> key = keys(user).stream().filter(k -> k.id().equals(id)).findFirst();
        if (key.isEmpty()) {
            throw new WharfException(Reason.NOT_FOUND, "user " + user.username() + " has no SSH key "
                    + VirtualPaths.printable(id));
        }
        updateKeys(tenant, user.id(), lines -> {
            ArrayNode kept = lines.arrayNode();
            lines.forEach(l -> {
                if (!parsedId(l.asText()).equals(id)) {
                    kept.add(l);
                }
            });
            lines.removeAll();
            lines.addAll(kept);
        });
        LOG.infof("SSH key %s removed from user %s in tenant %s by %s", key.get().fingerprint(), user.username(),
                tenant, actor);
        tenants.adminChange("user.sshkey_removed", tenant, actor, user.username());
    }

    /** Whether {@code publicKey} is one of the user's keys; the principal when it is. */
    public AuthResult authenticate(String tenant, String username, String publicKey) {
        try {
            if (!tenants.require(tenant).enabled()) {
                // key logins never reach a password grant, which is what refuses a disabled realm
                return AuthResult.refused(Reason.TENANT_DISABLED);
            }
        } catch (WharfException e) {
            return AuthResult.refused(Reason.UNKNOWN_TENANT);
        }
        OpenSshKey key;
        try {
            key = OpenSshKey.parse(publicKey);
        } catch (IllegalArgumentException e) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        Optional<KeycloakUser> user = keycloak.userByUsername(tenant, username);
        if (user.isEmpty() || keys(user.get()).stream().noneMatch(k -> MessageDigest.isEqual(k.blob(), key.blob()))) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        if (!user.get().enabled()) {
            return AuthResult.refused(Reason.ACCOUNT_DISABLED);
        }
        return AuthResult.ok(UserPrincipal.of(tenant, user.get(), keycloak.userGroups(tenant, user.get().id())));
    }

    private static List<OpenSshKey> keys(KeycloakUser user) {
        List<OpenSshKey> out = new ArrayList<>();
        for (String line : user.attributes().getOrDefault(ATTRIBUTE, List.of())) {
            try {
                out.add(OpenSshKey.parse(line));
            } catch (IllegalArgumentException e) {
                LOG.warnf("user %s: unreadable SSH key attribute ignored: %s", user.username(), e.getMessage());
            }
        }
        return out;
    }

    private static String parsedId(String line) {
        try {
            return OpenSshKey.parse(line).id();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Read-modify-write of the whole user: Keycloak clears what an update leaves out. */
    private void updateKeys(String tenant, String userId, java.util.function.Consumer<ArrayNode> change) {
        ObjectNode rep = (ObjectNode) keycloak.userRepresentation(tenant, userId);
        rep.remove("access");
        JsonNode attrs = rep.get("attributes");
        ObjectNode a = attrs instanceof ObjectNode o ? o : rep.putObject("attributes");
        ArrayNode lines = a.get(ATTRIBUTE) instanceof ArrayNode arr ? arr : a.putArray(ATTRIBUTE);
        change.accept(lines);
        if (lines.isEmpty()) {
            a.remove(ATTRIBUTE);
        }
        keycloak.updateUser(tenant, userId, rep);
    }

    private KeycloakUser user(String tenant, String rawUsername) {
        tenants.require(tenant);
        String username = UserService.username(rawUsername);
        return keycloak.userByUsername(tenant, username)
                .orElseThrow(() -> new WharfException(Reason.NOT_FOUND, "no user " + username + " in tenant " + tenant));
    }
}
