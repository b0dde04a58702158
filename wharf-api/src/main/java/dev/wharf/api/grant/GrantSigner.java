package dev.wharf.api.grant;

import dev.wharf.core.grant.IssuedGrant;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.util.UUID;

/** Signs grants (identity-service): a compact JWS with EdDSA over the claims of {@link GrantClaims}. */
public final class GrantSigner {
    private final GrantKeys keys;

    public GrantSigner(GrantKeys keys) {
        this.keys = keys;
    }

    public IssuedGrant sign(GrantClaims c) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(GrantTokens.ISSUER);
        claims.setAudience(GrantTokens.AUDIENCE);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromMilliseconds(c.issuedAt().toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(c.expiresAt().toEpochMilli()));
        if (c.userId() != null) {
            claims.setSubject(c.userId());
        }
        claims.setClaim(GrantTokens.LOGIN_AT, c.loginAt().getEpochSecond());
        claims.setStringClaim(GrantTokens.SCOPE, c.scope());
        claims.setStringClaim(GrantTokens.TENANT, c.tenant());
        claims.setStringClaim(GrantTokens.HOME, c.home());
        putIfPresent(claims, GrantTokens.USER, c.username());
        putIfPresent(claims, GrantTokens.PROTOCOL, c.protocol());
        putIfPresent(claims, GrantTokens.SESSION, c.sessionId());
        if (!c.access().rules().isEmpty()) {
            claims.setClaim(GrantTokens.ACCESS, c.access().toWire());
        }
        if (!c.quota().unlimited()) {
            claims.setClaim(GrantTokens.QUOTA, c.quota().toWire());
        }
        if (!c.siteQuota().unlimited()) {
            claims.setClaim(GrantTokens.SITE_QUOTA, c.siteQuota().toWire());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        jws.setKey(keys.signing().getPrivateKey());
        jws.setKeyIdHeaderValue(keys.signing().getKeyId());
        try {
            return new IssuedGrant(jws.getCompactSerialization(), c.expiresAt(), c.access());
        } catch (JoseException e) {
            throw new IllegalStateException("signing a grant failed", e);
        }
    }

    private static void putIfPresent(JwtClaims claims, String name, String value) {
        if (value != null) {
            claims.setStringClaim(name, value);
        }
    }
}
