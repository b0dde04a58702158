package dev.wharf.tenancy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's site settings as the attributes of its Keycloak organization (docs/TENANCY.md): the keys of
 * {@link RealmAttributes}, with each list a multi-valued attribute (one entry per value) instead of one
 * comma-separated value. The one reading and writing of organization attributes both services share.
 */
public final class OrganizationAttributes {
    /** The settings that are lists: one attribute value per entry. */
    static final Set<String> LISTS = Set.of(RealmAttributes.ALLOWED_CIDRS, RealmAttributes.ALLOWED_COUNTRIES,
            RealmAttributes.DENIED_COUNTRIES, RealmAttributes.HOSTNAMES, RealmAttributes.DISABLED_PROTOCOLS);
    /** Every attribute that holds a site setting. */
    static final Set<String> SETTINGS = Set.of(RealmAttributes.OTP_GRACE_SECONDS, RealmAttributes.PLAIN_FTP,
            RealmAttributes.PROTOCOLS_PER_GROUP, RealmAttributes.ALLOWED_CIDRS, RealmAttributes.ALLOWED_COUNTRIES,
            RealmAttributes.DENIED_COUNTRIES, RealmAttributes.HOSTNAMES, RealmAttributes.ADDRESS_RULE,
            RealmAttributes.DISABLED_PROTOCOLS, RealmAttributes.ACTIVE_FTP);

    private OrganizationAttributes() {
    }

    /** The settings an organization's attributes say (null or missing: defaults), read as {@link SiteSettings} reads a realm's. */
    public static SiteSettings read(Map<String, List<String>> attributes) {
        return SiteSettings.fromAttributes(flat(attributes));
    }

    /**
     * The attributes as one value each, multiple values joined with commas (a value that is itself a
     * comma-separated list, as a realm copied unchanged has it, reads the same).
     */
    public static Map<String, String> flat(Map<String, List<String>> attributes) {
        Map<String, String> out = new HashMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> {
                String joined = AttributeValues.join(v == null ? null : v.stream().filter(s -> s != null).toList());
                if (joined != null) {
                    out.put(k, joined);
                }
            });
        }
        return out;
    }

    /**
     * {@code current} with {@code settings} written over it: attributes that are no site setting are kept as they are,
     * lists become one value per entry, an empty list removes its attribute (no attribute means no rule).
     */
    public static Map<String, List<String>> write(SiteSettings settings, Map<String, List<String>> current) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (current != null) {
            current.forEach((k, v) -> out.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        Map<String, String> written = settings.toAttributes(Map.of());
        for (String key : SETTINGS) {
            String value = written.get(key);
            if (value == null) {
                out.remove(key);
            } else if (LISTS.contains(key)) {
                out.put(key, new ArrayList<>(AttributeValues.split(value)));
            } else {
                out.put(key, List.of(value));
            }
        }
        return out;
    }

    /** Realm attributes (one comma-separated value per list) as organization attributes, for moving a realm tenant. */
    public static Map<String, List<String>> fromRealm(Map<String, String> realmAttributes) {
        Map<String, List<String>> current = new LinkedHashMap<>();
        realmAttributes.forEach((k, v) -> {
            if (!SETTINGS.contains(k) && k.startsWith("wharf.") && !"wharf.tenant".equals(k)) {
                current.put(k, List.of(v));
            }
        });
        return write(SiteSettings.fromAttributes(realmAttributes), current);
    }
}
