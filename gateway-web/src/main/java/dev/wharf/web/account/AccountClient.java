package dev.wharf.web.account;

import dev.wharf.api.ServicesConfig;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * identity-service's calls for one user's own account (sharing details, SSH keys, API keys), made with that user's
 * access token from the portal sign-in: identity-service lets such a token touch only its own user
 * ({@code AdminAccess.self}), so this gateway holds no power over accounts beyond the signed-in user's.
 */
@ApplicationScoped
public class AccountClient {
    /** The protocols a user may be handed details for, in the order the page shows them. */
    static final List<String> PROTOCOLS = List.of("sftp", "ftps", "ftps-implicit", "ftp");

    private final ServiceHttp identity;

    /** What to hand over for one protocol (identity-service's {@code Sharing}). */
    public record Sharing(String protocol, String host, int port, String username, String portalUrl,
                          String instructions) {
    }

    /** One SSH public key. */
    public record SshKey(String id, String type, int bits, String fingerprint, String comment) {
    }

    /** One API key, without its secret. */
    public record ApiKey(String id, String name, String created, String expires, String lastUsed) {
    }

    /** A new API key: {@code secret} is shown once and never again. */
    public record CreatedApiKey(String id, String name, String loginName, String expires, String secret) {
        @Override
        public String toString() {
            return "CreatedApiKey[id=" + id + ", name=" + name + "]";
        }
    }

    @Inject
    public AccountClient(ServicesConfig services) {
        this.identity = new ServiceHttp(ServiceHttp.newClient(services.timeout()), "identity-service",
                services.identityUrl(), services.timeout());
    }

    /**
     * The sharing details of each protocol the user may use; a protocol identity refuses for them is left out. The
     * calls run side by side (one virtual thread each, bounded by the service timeout): one after the other they
     * made the page take up to 2.6 s on a loaded machine.
     */
    public List<Sharing> sharing(String tenant, String user, String token) {
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Sharing>>> answers = PROTOCOLS.stream()
                    .map(p -> calls.submit(() -> sharing(tenant, user, token, p))).toList();
            return answers.stream().map(AccountClient::answer).flatMap(Optional::stream).toList();
        }
    }

    private static <T> T answer(Future<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new WharfException(Reason.SERVICE_UNAVAILABLE, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "interrupted");
        }
    }

    private Optional<Sharing> sharing(String tenant, String user, String token, String protocol) {
        try {
            return Optional.of(as(token).get(base(tenant, user) + "/sharing?protocol=" + protocol, Sharing.class));
        } catch (WharfException e) {
            // 400: not a protocol of this user (or plain FTP not allowed in the tenant)
            if (e.reason() == Reason.BAD_REQUEST) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<SshKey> sshKeys(String tenant, String user, String token) {
        ServiceHttp http = as(token);
        return http.get(base(tenant, user) + "/sshkeys", http.listOf(SshKey.class));
    }

    public void addSshKey(String tenant, String user, String token, String publicKey) {
        as(token).post(base(tenant, user) + "/sshkeys", Map.of("publicKey", publicKey), SshKey.class);
    }

    public void removeSshKey(String tenant, String user, String token, String id) {
        as(token).delete(base(tenant, user) + "/sshkeys/" + encode(id));
    }

    public List<ApiKey> apiKeys(String tenant, String user, String token) {
        ServiceHttp http = as(token);
        return http.get(base(tenant, user) + "/apikeys", http.listOf(ApiKey.class));
    }

    public CreatedApiKey createApiKey(String tenant, String user, String token, String name) {
        return as(token).post(base(tenant, user) + "/apikeys", Map.of("name", name), CreatedApiKey.class);
    }

    public void revokeApiKey(String tenant, String user, String token, String id) {
        as(token).delete(base(tenant, user) + "/apikeys/" + encode(id));
    }

    private ServiceHttp as(String token) {
        return identity.withBearer(() -> token);
    }

    private static String base(String tenant, String user) {
        return "/v1/admin/tenants/" + encode(tenant) + "/users/" + encode(user);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
