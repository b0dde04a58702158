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
 * folder ({@code none /}) for its owner, so a typo can never widen access.
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
        List<AccessRule> rules = new ArrayList<>();
        add(rules, userValues, null);
        groupValues.forEach((group, values) -> add(rules, values, group));
        return AccessRules.of(rules);
    }

    /** The user-typed rules, checked and in their shortest spelling, for storing; 400 {@code bad_request} else. */
    public static List<String> normalized(List<String> spelled) {
        return spelled == null ? List.of() : spelled.stream().map(s -> AccessRule.parse(s, null).spelled()).distinct()
                .toList();
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
