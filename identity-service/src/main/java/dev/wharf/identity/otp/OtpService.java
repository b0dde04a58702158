package dev.wharf.identity.otp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.authn.SecondFactorState;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.keycloak.KeycloakCredential;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.identity.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TOTP second factors: Wharf generates the secret so that it can answer it once, and hands it to Keycloak as an
 * {@code otp} credential through a partial import (the admin API has no other way to set a known secret).
 */
@ApplicationScoped
public class OtpService {
    /** The realm OTP policy TenantDefaults sets: SHA-1, 6 digits, 30 s (authenticator-app compatible). */
    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    private static final int SECRET_BYTES = 20;
    private static final Logger LOG = Logger.getLogger(OtpService.class);

    private final TenantAccounts keycloak;
    private final TenantService tenants;
    private final SecondFactorState state;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json;

    @Inject
    public OtpService(TenantAccounts keycloak, TenantService tenants, SecondFactorState state, ObjectMapper json) {
        this.keycloak = keycloak;
        this.json = json;
        this.tenants = tenants;
        this.state = state;
    }

    /** Enrols a TOTP second factor; a user who has one already gets 409 {@code already_exists}. */
    public OtpEnrolment enrol(String tenant, String rawUsername, String actor) {
        KeycloakUser user = user(tenant, rawUsername);
        if (hasOtp(tenant, user.id())) {
            throw new WharfException(Reason.ALREADY_EXISTS, "user " + user.username() + " has a second factor "
                    + "already: remove it first");
        }
        byte[] raw = new byte[SECRET_BYTES];
        random.nextBytes(raw);
        String secret = Base32.encode(raw);
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("type", KeycloakCredential.OTP);
        credential.put("userLabel", "wharf");
        credential.put("secretData", "{\"value\":\"" + secret + "\"}");
        credential.put("credentialData", "{\"subType\":\"totp\",\"digits\":" + DIGITS + ",\"counter\":0,\"period\":"
                + PERIOD_SECONDS + ",\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
        importCredential(tenant, user, credential);
        if (!hasOtp(tenant, user.id())) {
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak did not store the OTP credential of "
                    + user.username());
        }
        state.forget(tenant, user.username());
        LOG.infof("second factor enrolled for user %s in tenant %s by %s", user.username(), tenant, actor);
        tenants.adminChange("user.otp_enrolled", tenant, actor, user.username());
        return new OtpEnrolment(user.username(), secret, otpauthUri(tenant, user.username(), secret));
    }

    /** Removes every OTP credential of the user; 404 {@code not_found} when there is none. */
    public void remove(String tenant, String rawUsername, String actor) {
        KeycloakUser user = user(tenant, rawUsername);
        List<KeycloakCredential> otps = keycloak.credentials(tenant, user.id()).stream()
                .filter(c -> KeycloakCredential.OTP.equals(c.type())).toList();
        if (otps.isEmpty()) {
            throw new WharfException(Reason.NOT_FOUND, "user " + user.username() + " has no second factor");
        }
        otps.forEach(c -> keycloak.deleteCredential(tenant, user.id(), c.id()));
        state.forget(tenant, user.username());
        LOG.infof("second factor removed from user %s in tenant %s by %s", user.username(), tenant, actor);
        tenants.adminChange("user.otp_removed", tenant, actor, user.username());
    }

    /** Whether the user has a TOTP (or HOTP) credential in Keycloak. */
    public boolean hasOtp(String tenant, String userId) {
        return keycloak.credentials(tenant, userId).stream().anyMatch(c -> KeycloakCredential.OTP.equals(c.type()));
    }

    static String otpauthUri(String tenant, String username, String secret) {
        String issuer = "Wharf " + tenant;
        return "otpauth://totp/" + enc(issuer) + ":" + enc(username) + "?secret=" + secret + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    /**
     * A user update carrying the credential adds it (observed on Keycloak 26.7.3). A partial import cannot: with
     * {@code SKIP} it skips the existing user, with {@code OVERWRITE} it re-creates the user and loses the password.
     */
    private void importCredential(String tenant, KeycloakUser user, Map<String, Object> credential) {
        ObjectNode rep = (ObjectNode) keycloak.userRepresentation(tenant, user.id());
        rep.remove("access");
        rep.set("credentials", json.valueToTree(List.of(credential)));
        try {
            keycloak.updateUser(tenant, user.id(), rep);
        } catch (KeycloakErrorException e) {
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused the OTP credential: " + e.getMessage(), e);
        }
    }

    private KeycloakUser user(String tenant, String rawUsername) {
        tenants.require(tenant);
        String username = UserService.username(rawUsername);
        return keycloak.userByUsername(tenant, username)
                .orElseThrow(() -> new WharfException(Reason.NOT_FOUND, "no user " + username + " in tenant " + tenant));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
