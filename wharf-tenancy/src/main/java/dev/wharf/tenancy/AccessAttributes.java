package dev.wharf.tenancy;

import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRule;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.access.Permission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The folder rules of a user and its groups, read from their {@link UserAttributes#ACCESS} values. A value that does
 * not parse (written around the admin API, which checks every rule) becomes a rule that allows nothing at the home
 * folder ({@code none /}) for its owner, so a typo can never widen access; a shared folder value
 * ({@link UserAttributes#SHARED}) that does not parse mounts nothing.
 */
public final class AccessAttributes {
    private static final Logger LOG = Logger.getLogger(AccessAttributes.class.getName());

    private AccessAttributes() {
    }

    /**
     * @param userValues  the user's {@code wharf.access} values
     * @param groupValues each of the user's groups with its {@code wharf.access} values
     */
    public static AccessRules read(List<String> userValues, Map<String, List<String>> groupValues) {
        return read(Map.of(UserAttributes.ACCESS, userValues == null ? List.of() : userValues),
                groupValues.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> Map.of(UserAttributes.ACCESS, e.getValue()), (a, b) -> a,
                        java.util.LinkedHashMap::new)));
    }

    /**
     * The folder rules and shared folder mounts of a user and its groups.
     *
     * @param userAttributes  the user's attributes
     * @param groupAttributes each of the user's groups with its attributes
     */
    public static AccessRules read(Map<String, List<String>> userAttributes,
                                   Map<String, Map<String, List<String>>> groupAttributes) {
        List<AccessRule> rules = new ArrayList<>();
        add(rules, userAttributes.get(UserAttributes.ACCESS), null);
        addMounts(rules, userAttributes.get(UserAttributes.SHARED), null);
        groupAttributes.forEach((group, a) -> {
            add(rules, a.get(UserAttributes.ACCESS), group);
            addMounts(rules, a.get(UserAttributes.SHARED), group);
        });
        return AccessRules.of(rules);
    }

    /** The user-typed rules, checked and in their shortest spelling, for storing; 400 {@code bad_request} else. */
    public static List<String> normalized(List<String> spelled) {
        return spelled == null ? List.of() : spelled.stream().map(s -> AccessRule.parse(s, null).spelled()).distinct()
                .toList();
    }

    /**
     * The user-typed shared folder mounts ({@code <folder> <permissions> <path>}), checked and in their shortest
     * spelling, for storing; 400 {@code bad_request} else, also for two mounts at one path.
     */
    public static List<String> normalizedMounts(List<String> spelled) {
        if (spelled == null) {
            return List.of();
        }
        List<AccessRule> mounts = spelled.stream().map(s -> AccessRule.parseMount(s, null)).toList();
        if (mounts.stream().map(AccessRule::path).distinct().count() < mounts.size()) {
            throw new WharfException(dev.wharf.core.Reason.BAD_REQUEST, "two shared folders at one path");
        }
        return mounts.stream().map(AccessRule::spelledMount).toList();
    }

    private static void addMounts(List<AccessRule> rules, List<String> values, String group) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            try {
                rules.add(AccessRule.parseMount(v, group));
            } catch (WharfException e) {
                LOG.warning("malformed shared folder of " + (group == null ? "a user" : "group " + group) + " ("
                        + e.detail() + "): not mounted until it is corrected");
            }
        }
    }

    private static void add(List<AccessRule> rules, List<String> values, String group) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            try {
                rules.add(AccessRule.parse(v, group));
            } catch (WharfException e) {
                LOG.warning("malformed folder rule of " + (group == null ? "a user" : "group " + group) + " ("
                        + e.detail() + "): the whole view is closed until it is corrected");
                rules.add(new AccessRule("/", Set.<Permission>of(), group));
            }
        }
    }
}
