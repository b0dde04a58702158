package dev.wharf.api.grant;

/** The fixed names of the grant token format, shared by the signer and the verifier. */
final class GrantTokens {
    static final String ISSUER = "wharf-identity";
    static final String AUDIENCE = "wharf-storage";
    static final String SCOPE = "scope";
    static final String TENANT = "tenant";
    static final String USER = "user";
    static final String HOME = "home";
    static final String PROTOCOL = "proto";
    static final String SESSION = "sid";
    static final String LOGIN_AT = "auth_time";
    static final String ACCESS = "access";
    static final String QUOTA = "quota";
    static final String SITE_QUOTA = "site_quota";

    private GrantTokens() {
    }
}
