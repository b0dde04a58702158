package dev.wharf.api.grant;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.net.URI;
import java.time.Duration;

/**
 * The verification keys identity-service publishes ({@code GET /v1/grants/keys}), fetched and cached; a grant
 * signed by a key not yet seen (a rotation) makes the set be fetched again, at most once per {@code minRefresh}.
 */
public final class RemoteGrantKeys {
    private RemoteGrantKeys() {
    }

    public static VerificationKeyResolver at(URI jwks, Duration cacheFor, Duration minRefresh) {
        return new HttpsJwksVerificationKeyResolver(keySet(jwks, cacheFor, minRefresh));
    }

    /** The cached key set behind {@link #at}, for a caller that also fetches it ahead of the first grant. */
    public static HttpsJwks keySet(URI jwks, Duration cacheFor, Duration minRefresh) {
        HttpsJwks set = new HttpsJwks(jwks.toString());
        set.setDefaultCacheDuration(cacheFor.toSeconds());
        set.setRefreshReprieveThreshold(minRefresh.toMillis());
        // identity-service briefly away: keep verifying with the keys already known rather than refuse every call
        set.setRetainCacheOnErrorDuration(cacheFor.toSeconds());
        return set;
    }

    /** The keys of a signer in the same process (identity-service verifying grants it renews). */
    public static VerificationKeyResolver local(GrantKeys keys) {
        try {
            return new org.jose4j.keys.resolvers.JwksVerificationKeyResolver(
                    new org.jose4j.jwk.JsonWebKeySet(keys.publicJwks()).getJsonWebKeys());
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
