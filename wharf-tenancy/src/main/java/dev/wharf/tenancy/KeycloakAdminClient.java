package dev.wharf.tenancy;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A service's way into Keycloak's admin API: {@code org.keycloak:keycloak-admin-client} over one pooled HTTP client
 * and one admin token (the client's {@code TokenManager} keeps and refreshes it). Every call is bounded as a whole
 * by the timeout, token fetch and body included, so a Keycloak that stalls cannot hold a request; Keycloak down,
 * slow, failing (5xx) or refusing the service's own sign-in is {@link Reason#SERVICE_UNAVAILABLE}, never the
 * caller's fault.
 */
public final class KeycloakAdminClient implements AutoCloseable {
    /** Connections kept to Keycloak; calls beyond wait for one, within the timeout. */
    private static final int POOL_SIZE = 20;

    /**
     * Where Keycloak is and how the service signs in (password grant of a public client).
     *
     * @param service  the service's name, for messages
     * @param url      Keycloak's base URL, without {@code /realms}
     * @param timeout  bound of each whole call, retries included
     */
    public record Settings(String service, String url, String adminRealm, String clientId, String username,
                           String password, Duration timeout) {
        @Override
        public String toString() {
            return "Settings[" + service + " as " + username + "@" + adminRealm + " at " + url + "]";
        }
    }

    private final Settings settings;
    private final String url;
    private final ResteasyClient http;
    private final Keycloak keycloak;
    // a call that outlives its bound is left to its socket timeout on a thread of its own, not the caller's
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public KeycloakAdminClient(Settings settings) {
        this.settings = settings;
        this.url = settings.url().replaceAll("/+$", "");
        long ms = settings.timeout().toMillis();
        this.http = ResteasyClientClassicProvider.createClientBuilder()
                .register(JacksonProvider.class, 100)
                .connectionPoolSize(POOL_SIZE).maxPooledPerRoute(POOL_SIZE)
                .connectTimeout(ms, TimeUnit.MILLISECONDS).readTimeout(ms, TimeUnit.MILLISECONDS)
                .connectionCheckoutTimeout(ms, TimeUnit.MILLISECONDS)
                .build();
        this.keycloak = KeycloakBuilder.builder().serverUrl(url)
                .realm(settings.adminRealm()).clientId(settings.clientId()).grantType(OAuth2Constants.PASSWORD)
                .username(settings.username()).password(settings.password()).resteasyClient(http).build();
    }

    /**
     * The answer of {@code call}; a 401 (the token was revoked early) fetches a new token once. Other 4xx answers
     * reach the caller as the client's {@link WebApplicationException}s, for it to say what they mean.
     *
     * @param what the call in words, for messages ("read realm acme")
     */
    public <T> T call(String what, Function<Keycloak, T> call) {
        Future<T> f = calls.submit(() -> withFreshTokenOnce(what, call));
        try {
            return f.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw unavailable(what + ": Keycloak at " + settings.url() + " did not answer within "
                    + settings.timeout(), e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(what + ": interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw unavailable(what + ": " + e.getCause(), e.getCause());
        }
    }

    /** Like {@link #call}, with a 404 (no such realm, user, group) as empty. */
    public <T> Optional<T> find(String what, Function<Keycloak, T> call) {
        try {
            return Optional.ofNullable(call(what, call));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * A target under Keycloak's base URL on the same pooled client, for calls the admin client has no method for;
     * run them inside {@link #call}, with the token of {@code keycloak.tokenManager()}.
     */
    public WebTarget target() {
        return http.target(url);
    }

    /** Whether Keycloak answers at all within {@code bound} (no credentials needed): for readiness. */
    public boolean reachable(Duration bound) {
        Future<Boolean> f = calls.submit(() -> {
            try (Response r = http.target(url).path("realms").path("{realm}")
                    .resolveTemplate("realm", settings.adminRealm(), true).request().get()) {
                return r.getStatus() == 200;
            }
        });
        try {
            return f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            f.cancel(true);
            return false;
        }
    }

    private <T> T withFreshTokenOnce(String what, Function<Keycloak, T> call) {
        try {
            return translated(what, call);
        } catch (NotAuthorizedException e) {
            keycloak.tokenManager().invalidate(currentTokenOrNull());
        }
        try {
            return translated(what, call);
        } catch (NotAuthorizedException e) {
            throw unavailable("Keycloak refused " + settings.service() + "'s admin sign-in as " + settings.username()
                    + " in realm " + settings.adminRealm() + " (" + what + ")", e);
        }
    }

    private <T> T translated(String what, Function<Keycloak, T> call) {
        try {
            return call.apply(keycloak);
        } catch (NotAuthorizedException | NotFoundException e) {
            throw e;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status >= 500) {
                throw unavailable(what + ": Keycloak answered HTTP " + status, e);
            }
            throw e;
        } catch (ProcessingException e) {
            throw unavailable(what + ": Keycloak at " + settings.url() + " unreachable or unreadable: "
                    + rootMessage(e), e);
        }
    }

    private String currentTokenOrNull() {
        try {
            return keycloak.tokenManager().getAccessTokenString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 10 && t.getCause() != null; i++) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static WharfException unavailable(String message, Throwable cause) {
        return new WharfException(Reason.SERVICE_UNAVAILABLE, message, cause);
    }

    @Override
    public void close() {
        calls.shutdownNow();
        keycloak.close();
    }
}
