package dev.wharf.api.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds storage-service paths and queries. File paths travel only as percent-encoded query parameters, never
 * as URL path segments, so that no client-supplied name is re-interpreted by a router (service-api.md).
 */
final class StorageUris {
    private StorageUris() {
    }

    /** {@code /v1/tenants/<tenant>/<op>}, followed by {@code ?}. */
    static String op(String tenant, String op) {
        return "/v1/tenants/" + encode(tenant) + "/" + op + "?";
    }

    static String pathQuery(String tenant, String op, String path) {
        return op(tenant, op) + "path=" + encode(path);
    }

    /** RFC 3986 percent-encoding: a space is {@code %20} and a plus sign {@code %2B}, so no decoder can confuse them. */
    static String encode(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing path or tenant");
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
