package dev.wharf.identity.tenant;

import java.util.regex.Pattern;

/** What a tenant id may be: a DNS label in lower case, since it is the first label of the tenant's host name. */
public final class TenantIds {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private TenantIds() {
    }

    public static boolean isValid(String id) {
        return id != null && LABEL.matcher(id).matches();
    }
}
