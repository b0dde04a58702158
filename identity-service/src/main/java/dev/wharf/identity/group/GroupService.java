package dev.wharf.identity.group;

import dev.wharf.tenancy.AccessAttributes;
import dev.wharf.tenancy.AttributeValues;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.identity.authn.SecondFactorState;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakGroup;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.identity.tenant.UserChanged;
import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.tenancy.UserAttributes;
import dev.wharf.identity.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Top-level Keycloak groups of a tenant, with the protocols they grant (group attribute {@code wharf.protocols},
 * read by policy-service when the tenant decides protocols per group). Group names are what
 * {@code principal.groups} carries, so they are kept as given (case included).
 */
@ApplicationScoped
public class GroupService {
    private static final Logger LOG = Logger.getLogger(GroupService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 1000;

    private final TenantAccounts keycloak;
    private final TenantService tenants;
    private final UserService users;
    private final SecondFactorState secondFactors;

    @Inject
    public GroupService(TenantAccounts keycloak, TenantService tenants, UserService users,
                        SecondFactorState secondFactors) {
        this.keycloak = keycloak;
        this.tenants = tenants;
        this.users = users;
        this.secondFactors = secondFactors;
    }

    public Group create(String tenant, NewGroup req, String actor) {
        if (req == null) {
            throw bad("a JSON body with at least name is required");
        }
        String name = name(req.name());
        List<String> protocols = UserService.protocols(req.allowedProtocols());
        tenants.require(tenant);
        if (keycloak.groupByName(tenant, name).isPresent()) {
            throw exists(tenant, name);
        }
        try {
            keycloak.createGroup(tenant, representation(name, protocols));
        } catch (KeycloakErrorException e) {
            if (e.status() == 409) {
                throw exists(tenant, name);
            }
            throw e;
        }
        LOG.infof("group %s created in tenant %s by %s (protocols %s)", name, tenant, actor, protocols);
        tenants.adminChange("group.created", tenant, actor, name, null);
        return new Group(name, protocols, List.of(), List.of(), List.of(), List.of());
    }

    public List<Group> list(String tenant) {
        tenants.require(tenant);
        return keycloak.groups(tenant).stream().sorted(Comparator.comparing(KeycloakGroup::name))
                .map(g -> view(tenant, g)).toList();
    }

    public Group show(String tenant, String rawName) {
        tenants.require(tenant);
        return view(tenant, find(tenant, rawName));
    }

    public Group update(String tenant, String rawName, GroupPatch req, String actor) {
        if (req == null || req.allowedProtocols() == null && req.folderRules() == null
                && req.sharedFolders() == null && req.allowedCidrs() == null) {
            throw bad("a JSON body with allowedProtocols, folderRules, sharedFolders or allowedCidrs is required");
        }
        List<String> cidrs = req.allowedCidrs() == null ? null : UserService.cidrs(req.allowedCidrs());
        List<String> protocols = req.allowedProtocols() == null ? null : UserService.protocols(req.allowedProtocols());
        List<String> rules = req.folderRules() == null ? null : AccessAttributes.normalized(req.folderRules());
        List<String> shared = req.sharedFolders() == null ? null
                : AccessAttributes.normalizedMounts(req.sharedFolders());
        tenants.require(tenant);
        KeycloakGroup g = find(tenant, rawName);
        Map<String, List<String>> attributes = new LinkedHashMap<>(g.attributes());
        if (protocols != null && protocols.isEmpty()) {
            attributes.remove(UserAttributes.PROTOCOLS);
        } else if (protocols != null) {
            attributes.put(UserAttributes.PROTOCOLS, List.of(String.join(",", protocols)));
        }
        if (rules != null && rules.isEmpty()) {
            attributes.remove(UserAttributes.ACCESS);
        } else if (rules != null) {
            attributes.put(UserAttributes.ACCESS, rules);
        }
        if (shared != null && shared.isEmpty()) {
            attributes.remove(UserAttributes.SHARED);
        } else if (shared != null) {
            attributes.put(UserAttributes.SHARED, shared);
        }
        if (cidrs != null && cidrs.isEmpty()) {
            attributes.remove(RealmAttributes.GROUP_CIDRS);
        } else if (cidrs != null) {
            attributes.put(RealmAttributes.GROUP_CIDRS, List.of(String.join(",", cidrs)));
        }
        keycloak.updateGroup(tenant, g.id(), Map.of("name", g.name(), "attributes", attributes));
        LOG.infof("group %s in tenant %s: protocols %s, folder rules %s, shared folders %s, address ranges %s set "
                        + "by %s", g.name(), tenant, protocols == null ? "kept" : protocols,
                rules == null ? "kept" : rules, shared == null ? "kept" : shared, cidrs == null ? "kept" : cidrs,
                actor);
        tenants.adminChange("group.updated", tenant, actor, g.name(), new UserChanged(tenant, null));
        return show(tenant, g.name());
    }

    public void delete(String tenant, String rawName, String actor) {
        tenants.require(tenant);
        KeycloakGroup g = find(tenant, rawName);
        List<String> members = members(tenant, g.id());
        keycloak.deleteGroup(tenant, g.id());
        // grace windows remember principals, and principals name their groups
        members.forEach(m -> secondFactors.forget(tenant, m));
        LOG.infof("group %s in tenant %s deleted by %s", g.name(), tenant, actor);
        tenants.adminChange("group.deleted", tenant, actor, g.name(), new UserChanged(tenant, null));
    }

    /** Adds the user to the group; nothing happens when it is a member already. */
    public void addMember(String tenant, String rawName, String rawUsername, String actor) {
        tenants.require(tenant);
        KeycloakGroup g = find(tenant, rawName);
        KeycloakUser user = users.find(tenant, rawUsername);
        if (keycloak.userGroups(tenant, user.id()).contains(g.name())) {
            return;
        }
        keycloak.joinGroup(tenant, user.id(), g.id());
        secondFactors.forget(tenant, user.username());
        LOG.infof("user %s added to group %s in tenant %s by %s", user.username(), g.name(), tenant, actor);
        tenants.adminChange("group.member_added", tenant, actor, user.username(),
                new UserChanged(tenant, user.username()));
    }

    /** Removes the user from the group; 404 when it is not a member. */
    public void removeMember(String tenant, String rawName, String rawUsername, String actor) {
        tenants.require(tenant);
        KeycloakGroup g = find(tenant, rawName);
        KeycloakUser user = users.find(tenant, rawUsername);
        if (!keycloak.userGroups(tenant, user.id()).contains(g.name())) {
            throw new WharfException(Reason.NOT_FOUND, "user " + user.username() + " is not a member of group "
                    + g.name());
        }
        keycloak.leaveGroup(tenant, user.id(), g.id());
        secondFactors.forget(tenant, user.username());
        LOG.infof("user %s removed from group %s in tenant %s by %s", user.username(), g.name(), tenant, actor);
        tenants.adminChange("group.member_removed", tenant, actor, user.username(),
                new UserChanged(tenant, user.username()));
    }

    private Group view(String tenant, KeycloakGroup g) {
        return new Group(g.name(), AttributeValues.split(g.attribute(UserAttributes.PROTOCOLS).orElse(null)),
                members(tenant, g.id()), g.attributes().getOrDefault(UserAttributes.ACCESS, List.of()),
                g.attributes().getOrDefault(UserAttributes.SHARED, List.of()),
                AttributeValues.split(g.attribute(RealmAttributes.GROUP_CIDRS).orElse(null)));
    }

    private List<String> members(String tenant, String groupId) {
        List<String> out = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<KeycloakUser> batch = keycloak.groupMembers(tenant, groupId, page * PAGE, PAGE);
            batch.forEach(u -> out.add(u.username()));
            if (batch.size() < PAGE) {
                break;
            }
        }
        out.sort(null);
        return out;
    }

    private KeycloakGroup find(String tenant, String rawName) {
        String name = name(rawName);
        return keycloak.groupByName(tenant, name).orElseThrow(() -> new WharfException(Reason.NOT_FOUND,
                "no group " + name + " in tenant " + tenant));
    }

    private static Map<String, Object> representation(String name, List<String> protocols) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", name);
        g.put("attributes", protocols.isEmpty() ? Map.of()
                : Map.of(UserAttributes.PROTOCOLS, List.of(String.join(",", protocols))));
        return g;
    }

    static String name(String raw) {
        if (raw == null || !NAME.matcher(raw).matches()) {
            throw bad("group name must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a "
                    + "letter or digit" + (raw == null ? "" : ", not " + VirtualPaths.printable(raw)));
        }
        return raw;
    }

    private static WharfException exists(String tenant, String name) {
        return new WharfException(Reason.ALREADY_EXISTS, "group " + name + " already exists in tenant " + tenant);
    }

    private static WharfException bad(String message) {
        return new WharfException(Reason.BAD_REQUEST, message);
    }
}
