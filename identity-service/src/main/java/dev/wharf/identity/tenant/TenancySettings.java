package dev.wharf.identity.tenant;

import dev.wharf.core.tenant.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * Chooses the tenancy model (wharf-core's {@link Tenancy}), {@code wharf.identity.tenancy}: {@code realms} (a realm
 * per tenant; the default until the rest of the platform reads organizations, docs/TENANCY.md) or
 * {@code organizations} (tenants are Keycloak Organizations in one realm, issue 17), and picks the adapters.
 */
@ApplicationScoped
public class TenancySettings {
    private final Tenancy model;
    private final String realm;

    public TenancySettings(
            @ConfigProperty(name = "wharf.identity.tenancy", defaultValue = Tenancy.DEFAULT) String model,
            @ConfigProperty(name = "wharf.identity.tenant-realm", defaultValue = "wharf") String realm) {
        this.realm = realm;
        try {
            this.model = Tenancy.valueOf(model.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wharf.identity.tenancy must be organizations or realms, not " + model);
        }
    }

    /** The realm that holds every tenant's organization and users ({@code wharf.identity.tenant-realm}). */
    public String realm() {
        return realm;
    }

    /** The model this service runs. */
    public Tenancy model() {
        return model;
    }

    @Produces
    @ApplicationScoped
    TenantDirectory directory(Instance<RealmTenantDirectory> realms,
                              Instance<OrganizationTenantDirectory> organizations) {
        return model == Tenancy.REALMS ? realms.get() : organizations.get();
    }

    @Produces
    @ApplicationScoped
    TenantAccounts accounts(Instance<RealmTenantAccounts> realms,
                            Instance<OrganizationTenantAccounts> organizations) {
        return model == Tenancy.REALMS ? realms.get() : organizations.get();
    }
}
