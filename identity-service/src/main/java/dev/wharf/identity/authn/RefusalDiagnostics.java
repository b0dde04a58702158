package dev.wharf.identity.authn;

import dev.wharf.identity.keycloak.BruteForceStatus;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.core.files.VirtualPaths;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Finds out in the background what Keycloak's answer to a refused login hides (a lockout looks like a wrong
 * password; "not fully set up" does not say which action), and logs it for the operator. The client's answer does
 * not wait for it; at most a few lookups run at once, so a password-guessing flood cannot multiply into admin calls.
 */
@ApplicationScoped
public class RefusalDiagnostics {
    private static final Logger LOG = Logger.getLogger(RefusalDiagnostics.class);
    private static final int MAX_CONCURRENT = 4;

    private final TenantAccounts keycloak;
    private final Semaphore permits = new Semaphore(MAX_CONCURRENT);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Inject
    public RefusalDiagnostics(TenantAccounts keycloak) {
        this.keycloak = keycloak;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    /** After "invalid user credentials": was the user in fact locked by brute-force detection? */
    public void checkLockout(String tenant, String username) {
        submit(() -> {
            Optional<KeycloakUser> u = keycloak.userByUsername(tenant, username);
            if (u.isEmpty()) {
                return;
            }
            BruteForceStatus s = keycloak.bruteForceStatus(tenant, u.get().id());
            if (s.locked()) {
                LOG.infof("login of %s in tenant %s refused as bad_credentials: the account is temporarily locked "
                        + "by brute-force detection after %d failures", printable(username), tenant, s.failures());
            }
        });
    }

    /** After "account is not fully set up": which required actions are pending? */
    public void explainRequiredActions(String tenant, String username) {
        submit(() -> keycloak.userByUsername(tenant, username).ifPresent(u ->
                LOG.infof("login of %s in tenant %s refused as password_change_required: pending Keycloak "
                        + "required actions %s", printable(username), tenant, u.requiredActions())));
    }

    private void submit(Runnable lookup) {
        if (!permits.tryAcquire()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    lookup.run();
                } catch (RuntimeException e) {
                    LOG.debugf("refusal diagnostics failed: %s", e.toString());
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
        }
    }

    private static String printable(String s) {
        return VirtualPaths.printable(s);
    }
}
