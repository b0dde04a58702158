package dev.wharf.identity.tenant;

/** Body of {@code PATCH /v1/admin/tenants/{t}}; a field left out keeps its value. */
public record TenantPatch(Boolean enabled) {
}
