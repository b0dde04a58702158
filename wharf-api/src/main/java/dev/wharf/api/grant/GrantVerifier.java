package dev.wharf.api.grant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Checks a grant (storage-service; identity-service when renewing): signature by a published key, issuer,
 * audience, and expiry (none for {@link #verifyIgnoringExpiry}). Any failure is {@code unauthenticated_caller}.
 */
public final class GrantVerifier {
    /** Clock difference between replicas that is tolerated. */
    private static final int SKEW_SECONDS = 5;

    private final JwtConsumer strict;
    private final JwtConsumer lenient;

    public GrantVerifier(VerificationKeyResolver keys) {
        this.strict = builder(keys).setRequireExpirationTime().build();
        // evaluated as at the epoch: every expiry lies ahead, everything else is checked as strictly
        this.lenient = builder(keys).setRequireExpirationTime().setEvaluationTime(NumericDate.fromSeconds(0)).build();
    }

    private static JwtConsumerBuilder builder(VerificationKeyResolver keys) {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA)
                .setExpectedIssuer(GrantTokens.ISSUER)
                .setExpectedAudience(GrantTokens.AUDIENCE)
                .setAllowedClockSkewInSeconds(SKEW_SECONDS)
                .setRequireIssuedAt();
    }

    /** The claims of a valid, unexpired grant. */
    public GrantClaims verify(String token) {
        return claims(strict, token);
    }

    /** The claims of a grant with a valid signature, expired or not (renewal decides how old may be renewed). */
    public GrantClaims verifyIgnoringExpiry(String token) {
        return claims(lenient, token);
    }

    private static GrantClaims claims(JwtConsumer consumer, String token) {
        if (token == null || token.isBlank()) {
            throw refused("no grant");
        }
        try {
            JwtClaims c = consumer.processToClaims(token.strip());
            String scope = c.getStringClaimValue(GrantTokens.SCOPE);
            String tenant = c.getStringClaimValue(GrantTokens.TENANT);
            String home = c.getStringClaimValue(GrantTokens.HOME);
            Number loginAt = c.getClaimValue(GrantTokens.LOGIN_AT, Number.class);
            if (scope == null || tenant == null || home == null || !home.startsWith("/") || loginAt == null) {
                throw refused("the grant lacks scope, tenant, home or login time");
            }
            return new GrantClaims(scope, tenant, c.getStringClaimValue(GrantTokens.USER), c.getSubject(), home,
                    c.getStringClaimValue(GrantTokens.PROTOCOL), c.getStringClaimValue(GrantTokens.SESSION),
                    Instant.ofEpochMilli(c.getIssuedAt().getValueInMillis()),
                    Instant.ofEpochMilli(c.getExpirationTime().getValueInMillis()),
                    Instant.ofEpochSecond(loginAt.longValue()), access(c), quota(c), siteQuota(c));
        } catch (InvalidJwtException e) {
            throw refused(e.hasExpired() ? "the grant has expired" : "the grant is not valid");
        } catch (MalformedClaimException e) {
            throw refused("the grant's claims are malformed");
        }
    }

    @SuppressWarnings("unchecked")
    private static AccessRules access(JwtClaims c) throws MalformedClaimException {
        Object v = c.getClaimValue(GrantTokens.ACCESS);
        if (v == null) {
            return AccessRules.NONE;
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(e -> e instanceof Map)) {
            throw new MalformedClaimException("access is not a list of rules");
        }
        try {
            return AccessRules.fromWire((List<Map<?, ?>>) list);
        } catch (WharfException e) {
            throw new MalformedClaimException("access: " + e.detail());
        }
    }

    private static Quota quota(JwtClaims c) throws MalformedClaimException {
        return objectClaim(c, GrantTokens.QUOTA, Quota::fromWire, Quota.NONE);
    }

    private static SiteQuota siteQuota(JwtClaims c) throws MalformedClaimException {
        return objectClaim(c, GrantTokens.SITE_QUOTA, SiteQuota::fromWire, SiteQuota.NONE);
    }

    /** The JSON-object claim {@code name} read by {@code reader}; {@code none} when absent. */
    private static <T> T objectClaim(JwtClaims c, String name, java.util.function.Function<Map<?, ?>, T> reader,
                                     T none) throws MalformedClaimException {
        Object v = c.getClaimValue(name);
        if (v == null) {
            return none;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new MalformedClaimException(name + " is not an object");
        }
        try {
            return reader.apply(m);
        } catch (WharfException e) {
            throw new MalformedClaimException(name + ": " + e.detail());
        }
    }

    private static WharfException refused(String why) {
        return new WharfException(Reason.UNAUTHENTICATED_CALLER, why);
    }
}
