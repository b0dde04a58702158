package dev.wharf.identity.group;

import java.util.List;

/** Body of {@code POST /v1/admin/tenants/{t}/groups}. */
public record NewGroup(String name, List<String> allowedProtocols) {
}
