package dev.wharf.core.identity;

/** Checks who a client is (identity-service); adapters live beside the callers' transport. */
public interface IdentityPort {
    /** Never throws for a refusal: refusals come back as {@link AuthResult#refused}; outages throw. */
    AuthResult authenticate(Credentials credentials);
}
