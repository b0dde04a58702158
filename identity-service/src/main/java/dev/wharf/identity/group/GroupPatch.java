package dev.wharf.identity.group;

import java.util.List;

/** Body of {@code PATCH /v1/admin/tenants/{t}/groups/{g}}: the protocols the group grants ({@code []}: none). */
public record GroupPatch(List<String> allowedProtocols) {
}
