package dev.wharf.web.operator;

import dev.wharf.api.ServicesConfig;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.web.admin.AdminClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.wharf.web.admin.AdminClient.encode;

/**
 * The operators' admin calls of the operator console: identity-service's tenant list and tenants, policy-service's
 * bans. Called with the signed-in operator's own access token (admin realm, role {@code wharf-operator}), so both
 * services check and audit them exactly as the CLI's ({@code wharf tenant list}, {@code wharf ban lift}).
 */
@ApplicationScoped
public class OperatorClient {
    private final ServiceHttp identity;
    private final ServiceHttp policy;

    /** One page of tenant ids and the {@code after} of the next page (null on the last). */
    record TenantIds(List<TenantId> items, String next) {
    }

    record TenantId(String id) {
    }

    /** One page of tenants, shown, and where the next page starts. */
    public record TenantsPage(List<AdminClient.Tenant> tenants, String next) {
    }

    /** A ban in force (policy-service's {@code Ban}); times as ISO-8601 instants. */
    public record Ban(String clientIp, String username, String tenant, String reason, String since, String until,
                      int offences) {
    }

    @Inject
    public OperatorClient(ServicesConfig services) {
        this.identity = new ServiceHttp(ServiceHttp.newClient(services.timeout()), "identity-service",
                services.identityUrl(), services.timeout());
        this.policy = new ServiceHttp(ServiceHttp.newClient(services.timeout()), "policy-service",
                services.policyUrl(), services.timeout());
    }

    /**
     * Up to {@code limit} tenants after the id {@code after} (null: from the first), each as identity-service shows
     * it (enabled, host names); the tenants are read side by side.
     */
    public TenantsPage tenants(String token, String after, int limit) {
        ServiceHttp http = identity.withBearer(() -> token);
        TenantIds ids = http.get("/v1/admin/tenants?limit=" + limit
                + (after == null ? "" : "&after=" + encode(after)), TenantIds.class);
        List<AdminClient.Tenant> out = new ArrayList<>();
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AdminClient.Tenant>> reads = ids.items().stream()
                    .map(t -> each.submit(() -> http.get("/v1/admin/tenants/" + encode(t.id()),
                            AdminClient.Tenant.class)))
                    .toList();
            for (Future<AdminClient.Tenant> read : reads) {
                out.add(read.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof WharfException w ? w
                    : new WharfException(Reason.INTERNAL_ERROR, "reading a tenant: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "interrupted while reading tenants", e);
        }
        return new TenantsPage(out, ids.next());
    }

    public List<Ban> bans(String token) {
        ServiceHttp http = policy.withBearer(() -> token);
        return http.get("/v1/admin/bans", http.listOf(Ban.class));
    }

    /** Lifts every ban on the address (policy-service audits {@code ban.lifted}); 404 {@code not_found} if none. */
    public void lift(String token, String clientIp) {
        policy.withBearer(() -> token).delete("/v1/admin/bans/" + encode(clientIp));
    }
}
