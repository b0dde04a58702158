package dev.wharf.core.grant;

/** Exchanges a session's grant for a fresh one (identity-service re-checks the user); outages throw. */
@FunctionalInterface
public interface GrantRenewer {
    IssuedGrant renew(IssuedGrant current);
}
