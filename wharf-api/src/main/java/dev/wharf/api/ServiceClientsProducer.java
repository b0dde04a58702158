package dev.wharf.api;

import dev.wharf.api.auth.ClientCredentialsToken;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.api.http.ServiceProbe;
import dev.wharf.api.identity.HttpIdentityClient;
import dev.wharf.api.policy.HttpPolicyClient;
import dev.wharf.api.storage.HttpStorageClient;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.storage.StoragePort;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;
import java.time.Duration;

/**
 * Gives the gateways the HTTP adapters of the core ports and their tenant resolver. Every bean is a
 * {@link DefaultBean}: a service that depends on wharf-api for the records and has its own implementation of a
 * port (storage-service's {@code StoragePort}, say) keeps it without an ambiguity.
 *
 * <p>{@link Singleton}, not application-scoped: the beans are created when injected, on a Quarkus thread. A lazy
 * client proxy would create them on the first call, from an FTP or SSH library thread whose context class loader
 * is not the application's, and fail there.
 */
@ApplicationScoped
public class ServiceClientsProducer {
    private static final Logger LOG = Logger.getLogger(ServiceClientsProducer.class);
    /** Upper bound of one readiness probe. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final ServicesConfig config;
    private final HttpClient http;
    private final Supplier<String> credential;

    @Inject
    public ServiceClientsProducer(ServicesConfig config) {
        this.config = config;
        this.http = ServiceHttp.newClient(config.timeout());
        ServicesConfig.Credential c = config.credential();
        if (c.clientSecret().filter(s -> !s.isBlank()).isPresent()) {
            this.credential = new ClientCredentialsToken(http, c.tokenUrl(), c.clientId(), c.clientSecret().get(),
                    config.timeout(), Clock.systemUTC());
        } else {
            LOG.warn("no service credential configured (wharf.services.credential.client-secret): identity-service "
                    + "and policy-service will refuse this gateway's calls");
            this.credential = () -> null;
        }
    }

    @Produces
    @Singleton
    @DefaultBean
    IdentityPort identity() {
        return new HttpIdentityClient(new ServiceHttp(http, "identity-service", config.identityUrl(), config.timeout())
                .withBearer(credential));
    }

    @Produces
    @Singleton
    @DefaultBean
    PolicyPort policy() {
        return new HttpPolicyClient(new ServiceHttp(http, "policy-service", config.policyUrl(), config.timeout())
                .withBearer(credential));
    }

    @Produces
    @Singleton
    @DefaultBean
    StoragePort storage() {
        return new HttpStorageClient(new ServiceHttp(http, "storage-service", config.storageUrl(), config.timeout()),
                config.commitTimeout());
    }

    @Produces
    @Singleton
    @DefaultBean
    TenantResolver tenants(TenancyConfig tenancy, IdentityPort identity) {
        return new TenantResolver(tenancy.baseDomain(), tenancy.defaultTenant().filter(t -> !t.isBlank()).orElse(null),
                identity::tenantOfHostname);
    }

    @Produces
    @Singleton
    @DefaultBean
    ServiceProbe probe() {
        // a readiness check must answer within the orchestrator's probe timeout, whatever the call timeout is
        Duration t = config.timeout().compareTo(PROBE_TIMEOUT) < 0 ? config.timeout() : PROBE_TIMEOUT;
        return new ServiceProbe(http, t);
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
