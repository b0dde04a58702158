package dev.wharf.identity;

import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.TestTenants;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test class with a tenant of its own, created on its first test, and a fresh operator token before each test
 * (master-realm tokens live a minute; a slow class takes longer). Test classes run one after the other, so the
 * static fields hold the running class's tenant.
 */
abstract class OneTenantTestBase {
    static final String PASSWORD = TestTenants.PASSWORD;
    private static final Map<Class<?>, String> TENANTS = new ConcurrentHashMap<>();

    static String tenant;
    static String operatorToken;

    /** A short prefix of the tenant id, telling in Keycloak which class made it. */
    abstract String tenantPrefix();

    @BeforeEach
    void tenantReady() {
        TestTenants.keycloakReady();
        operatorToken = KeycloakTestAdmin.operatorToken();
        tenant = TENANTS.computeIfAbsent(getClass(), c -> TestTenants.create(tenantPrefix(), operatorToken));
    }

    static RequestSpecification admin() {
        return TestTenants.admin(operatorToken);
    }

    static String newUser(Map<String, Object> extra) {
        return TestTenants.newUser(tenant, operatorToken, extra);
    }
}
